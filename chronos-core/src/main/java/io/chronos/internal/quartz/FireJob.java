package io.chronos.internal.quartz;

import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * What a Quartz trigger does when it fires: one cheap insert of a QUEUED run for the scheduled fire
 * time, and the job's one-shot trigger moved to its next fire time, in one transaction. The run
 * itself is claimed and executed by the run dispatcher, off Quartz's lock.
 */
public final class FireJob implements Job {

  /** Receives the fires of Chronos triggers. */
  @FunctionalInterface
  public interface FireSink {
    /**
     * Queues the run of one fire and plans the next; must be idempotent for the same job and fire
     * time.
     */
    void fired(String jobId, Instant scheduledFireTime);
  }

  private final FireSink sink;

  FireJob(FireSink sink) {
    this.sink = sink;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    String jobId = context.getJobDetail().getKey().getName();
    Instant scheduled =
        context.getScheduledFireTime() != null
            ? context.getScheduledFireTime().toInstant()
            : context.getFireTime().toInstant();
    try {
      sink.fired(jobId, scheduled);
    } catch (RuntimeException e) {
      // Quartz logs it and drops the one-shot trigger; the misfire sweep catches the job up.
      throw new JobExecutionException("Could not queue the run of job " + jobId, e, false);
    }
  }
}
