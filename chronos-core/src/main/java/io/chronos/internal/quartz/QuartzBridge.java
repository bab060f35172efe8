package io.chronos.internal.quartz;

import io.chronos.ChronosException;
import io.chronos.internal.dialect.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import javax.annotation.Nullable;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.DirectSchedulerFactory;
import org.quartz.impl.SchedulerRepository;
import org.quartz.simpl.SimpleThreadPool;

/**
 * Chronos's use of Quartz: one durable Quartz job and one one-shot trigger per recurring Chronos
 * job, in the clustered JDBC store. Chronos computes the fire times ({@code FireTimes}) and handles
 * misfires on its own clock; Quartz fires each trigger on exactly one node, and the fire queues a
 * run and moves the trigger to the next fire time. Every method that changes Quartz must be called
 * inside the caller's Spring transaction.
 */
public final class QuartzBridge {
  private final Scheduler scheduler;

  /** Settings of the Quartz side of a node. */
  public record Settings(
      String nodeId,
      String tablePrefix,
      Dialect dialect,
      int threads,
      Duration clusterCheckinInterval,
      Duration misfireThreshold) {}

  public QuartzBridge(DataSource dataSource, Settings settings, FireJob.FireSink sink) {
    ChronosJobStore store = new ChronosJobStore(dataSource);
    store.setTablePrefix(settings.tablePrefix());
    store.setIsClustered(true);
    store.setUseProperties("true");
    store.setClusterCheckinInterval(settings.clusterCheckinInterval().toMillis());
    store.setMisfireThreshold(settings.misfireThreshold().toMillis());
    try {
      store.setDriverDelegateClass(settings.dialect().quartzDelegate());
    } catch (Exception e) {
      throw new ChronosException(
          "Invalid Quartz delegate " + settings.dialect().quartzDelegate(), e);
    }
    SimpleThreadPool pool = new SimpleThreadPool(settings.threads(), Thread.NORM_PRIORITY);
    pool.setThreadNamePrefix("chronos-quartz-" + settings.nodeId());
    pool.setMakeThreadsDaemons(true);
    store.setMakeThreadsDaemons(true);
    this.scheduler = create(settings, pool, store);
    try {
      scheduler.setJobFactory((bundle, s) -> new FireJob(sink));
    } catch (SchedulerException e) {
      throw new ChronosException("Cannot configure Quartz", e);
    }
  }

  private static Scheduler create(Settings settings, SimpleThreadPool pool, ChronosJobStore store) {
    // Quartz keeps schedulers in a JVM-wide registry by name, and every Chronos node of a cluster
    // must use the same name. Create and unregister under one lock so nodes in one JVM coexist.
    synchronized (SchedulerRepository.class) {
      SchedulerRepository repository = SchedulerRepository.getInstance();
      repository.remove(QuartzNames.SCHEDULER_NAME);
      try {
        DirectSchedulerFactory.getInstance()
            .createScheduler(
                QuartzNames.SCHEDULER_NAME,
                settings.nodeId(),
                pool,
                new org.quartz.impl.DefaultThreadExecutor(),
                store,
                null,
                null,
                0,
                -1,
                -1,
                false,
                null,
                settings.threads(),
                1000);
        Scheduler created = repository.lookup(QuartzNames.SCHEDULER_NAME);
        repository.remove(QuartzNames.SCHEDULER_NAME);
        return created;
      } catch (SchedulerException e) {
        throw new ChronosException("Cannot create the Quartz scheduler: " + e.getMessage(), e);
      }
    }
  }

  /** Starts firing triggers. */
  public void start() {
    call(() -> scheduler.start());
  }

  /** Stops firing and waits for running fires (each is one insert) to end. */
  public void shutdown() {
    call(() -> scheduler.shutdown(true));
  }

  /**
   * Points the job's Quartz trigger at its next fire time. The trigger is a one-shot trigger that
   * Chronos replaces at every fire with one for the following fire time (Quartz's cron evaluation
   * skips wall-clock times that daylight saving skips; Chronos's does not). Without a fire time (a
   * disabled, one-time or manual job, or a cron that fires no more) the job has no Quartz job at
   * all. A paused job's trigger is paused.
   *
   * <p>A one-shot trigger that Quartz finds misfired is dropped by Quartz without firing ({@code
   * RESCHEDULE_NEXT_WITH_REMAINING_COUNT} has no next time): Chronos's misfire sweep applies the
   * job's policy on the node's clock and plans the trigger again.
   */
  public void plan(String jobId, @Nullable Instant fireAt, boolean paused) {
    JobKey key = JobKey.jobKey(jobId, QuartzNames.GROUP);
    if (fireAt == null) {
      call(() -> scheduler.deleteJob(key));
      return;
    }
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(jobId, QuartzNames.GROUP)
            .forJob(key)
            .startAt(Date.from(fireAt))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withRepeatCount(0)
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    call(
        () -> {
          if (!scheduler.checkExists(key)) {
            JobDetail detail =
                JobBuilder.newJob(FireJob.class).withIdentity(key).storeDurably().build();
            scheduler.scheduleJob(detail, Set.of(trigger), true);
          } else if (scheduler.rescheduleJob(trigger.getKey(), trigger) == null) {
            // The job exists without a trigger: Quartz deleted the fired one-shot trigger.
            scheduler.scheduleJob(trigger);
          }
          if (paused) {
            scheduler.pauseTrigger(trigger.getKey());
          }
        });
  }

  public void pause(String jobId) {
    call(() -> scheduler.pauseJob(JobKey.jobKey(jobId, QuartzNames.GROUP)));
  }

  public void delete(String jobId) {
    call(() -> scheduler.deleteJob(JobKey.jobKey(jobId, QuartzNames.GROUP)));
  }

  @FunctionalInterface
  private interface QuartzCall {
    void run() throws SchedulerException;
  }

  private static void call(QuartzCall call) {
    try {
      call.run();
    } catch (SchedulerException e) {
      throw new ChronosException("Quartz failed: " + e.getMessage(), e);
    }
  }
}
