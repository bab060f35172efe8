package io.chronos.spring.boot.actuate;

import io.chronos.Chronos;
import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.dlq.DlqQuery;
import io.chronos.dlq.DlqStatus;
import io.chronos.job.Job;
import io.chronos.job.JobQuery;
import io.chronos.run.JobRun;
import io.chronos.schedule.Schedule;
import io.chronos.security.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code chronos} actuator endpoint: the node and its jobs, one job with its latest runs, and
 * "trigger", "pause" and "resume" on a job. It acts as the system actor, so it sees every job;
 * secure it as you secure the rest of the actuator. Payloads are never shown: they may hold
 * secrets.
 */
@Endpoint(id = "chronos")
public class ChronosEndpoint {
  /** The most jobs the overview lists. */
  public static final int MAX_JOBS = 1000;

  /** How many of a job's latest runs its details show. */
  public static final int LATEST_RUNS = 20;

  private static final Actor SYSTEM = Actor.system();

  /** The most pending dead-letter events the overview lists. */
  static final int MAX_DEAD_LETTERS = 50;

  private final Chronos chronos;

  public ChronosEndpoint(Chronos chronos) {
    this.chronos = chronos;
  }

  /** The node and up to {@value #MAX_JOBS} jobs, in creation order. */
  @ReadOperation
  public NodeDescriptor chronos() {
    List<JobDescriptor> jobs = new ArrayList<>();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    boolean truncated = false;
    while (true) {
      Page<Job> result = chronos.jobs().list(SYSTEM, JobQuery.all().page(page));
      for (Job job : result.items()) {
        if (jobs.size() == MAX_JOBS) {
          truncated = true;
          break;
        }
        jobs.add(describe(job));
      }
      if (truncated || !result.hasNext()) {
        break;
      }
      page = PageRequest.after(result.nextCursor(), PageRequest.MAX_LIMIT);
    }
    List<DeadLetterDescriptor> deadLetters =
        chronos
            .deadLetters()
            .list(
                SYSTEM,
                DlqQuery.all().status(DlqStatus.PENDING).page(PageRequest.first(MAX_DEAD_LETTERS)))
            .items()
            .stream()
            .map(
                e ->
                    new DeadLetterDescriptor(
                        e.id(),
                        e.jobId(),
                        e.jobName(),
                        e.runId(),
                        e.reason().name(),
                        e.error(),
                        e.attempts(),
                        e.createdAt()))
            .toList();
    return new NodeDescriptor(
        chronos.nodeId(),
        chronos.isStarted(),
        jobs,
        truncated,
        chronos.deadLetters().depth(),
        deadLetters);
  }

  /** One job with its latest {@value #LATEST_RUNS} runs, or null when there is no such job. */
  @ReadOperation
  public @Nullable JobDetailsDescriptor job(@Selector String jobId) {
    return chronos.jobs().get(SYSTEM, jobId).map(this::details).orElse(null);
  }

  /**
   * Triggers, pauses or resumes a job.
   *
   * @param jobId the job
   * @param action {@code trigger}, {@code pause} or {@code resume}
   * @return what was done, or null when there is no such job
   */
  @WriteOperation
  public @Nullable JobActionDescriptor jobAction(@Selector String jobId, String action) {
    JobAction parsed = JobAction.parse(action);
    if (parsed == JobAction.REPLAY) {
      // The selector names a dead-letter event here.
      if (chronos.deadLetters().get(SYSTEM, jobId).isEmpty()) {
        return null;
      }
      JobRun run = chronos.deadLetters().replay(SYSTEM, jobId);
      return new JobActionDescriptor(run.jobId(), "replay", "REPLAYED", run.id());
    }
    if (chronos.jobs().get(SYSTEM, jobId).isEmpty()) {
      return null;
    }
    return switch (parsed) {
      case TRIGGER -> {
        JobRun run = chronos.jobs().trigger(SYSTEM, jobId);
        Job job = chronos.jobs().get(SYSTEM, jobId).orElseThrow();
        yield new JobActionDescriptor(jobId, "trigger", job.status().name(), run.id());
      }
      case PAUSE ->
          new JobActionDescriptor(
              jobId, "pause", chronos.jobs().pause(SYSTEM, jobId).status().name(), null);
      case RESUME ->
          new JobActionDescriptor(
              jobId, "resume", chronos.jobs().resume(SYSTEM, jobId).status().name(), null);
      case REPLAY -> throw new IllegalStateException("handled above");
    };
  }

  private JobDescriptor describe(Job job) {
    Optional<JobRun> lastRun =
        chronos.runs().forJob(SYSTEM, job.id(), PageRequest.first(1)).items().stream().findFirst();
    return new JobDescriptor(
        job.id(),
        job.name(),
        job.type().name(),
        job.status().name(),
        describe(job.schedule()),
        job.nextFireTime(),
        lastRun.map(run -> run.status().name()).orElse(null),
        lastRun.map(ChronosEndpoint::lastActivity).orElse(null));
  }

  private JobDetailsDescriptor details(Job job) {
    List<RunDescriptor> runs =
        chronos.runs().forJob(SYSTEM, job.id(), PageRequest.first(LATEST_RUNS)).items().stream()
            .map(ChronosEndpoint::describe)
            .toList();
    return new JobDetailsDescriptor(
        job.id(),
        job.name(),
        job.description(),
        job.type().name(),
        job.status().name(),
        describe(job.schedule()),
        new TreeSet<>(job.tags()),
        job.timeout() == null ? null : job.timeout().toString(),
        job.nextFireTime(),
        job.ownerId(),
        job.version(),
        job.createdAt(),
        job.updatedAt(),
        runs);
  }

  private static RunDescriptor describe(JobRun run) {
    return new RunDescriptor(
        run.id(),
        run.status().name(),
        run.attempt(),
        run.triggerType().name(),
        run.scheduledAt(),
        run.startedAt(),
        run.finishedAt(),
        run.duration() == null ? null : run.duration().toMillis(),
        run.nodeId(),
        run.error(),
        run.resultSummary());
  }

  private static Instant lastActivity(JobRun run) {
    if (run.finishedAt() != null) {
      return run.finishedAt();
    }
    return run.startedAt() != null ? run.startedAt() : run.scheduledAt();
  }

  /** A schedule in words: {@code cron 0 0 2 * * ? (Europe/Berlin)}, {@code every PT30S}... */
  static String describe(Schedule schedule) {
    if (schedule instanceof Schedule.Cron cron) {
      return "cron " + cron.expression() + " (" + cron.zoneId() + ")";
    }
    if (schedule instanceof Schedule.Interval interval) {
      return "every " + interval.every();
    }
    if (schedule instanceof Schedule.Once once) {
      return "once at " + once.at();
    }
    return "manual";
  }

  /** What {@link #jobAction} can do. */
  enum JobAction {
    TRIGGER,
    PAUSE,
    RESUME,
    /** Replays a dead-letter event: the selector is the event's id. */
    REPLAY;

    static JobAction parse(String action) {
      try {
        return valueOf(action.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidEndpointRequestException(
            "Unknown action '" + action + "': use trigger, pause, resume or replay",
            "Unknown action");
      }
    }
  }

  /**
   * The node and its jobs.
   *
   * @param nodeId this node's id
   * @param started whether this node fires triggers and executes runs
   * @param jobs the jobs, in creation order
   * @param truncated true when there are more than {@value #MAX_JOBS} jobs
   * @param dlqDepth pending dead-letter events
   * @param deadLetters the newest {@value #MAX_DEAD_LETTERS} pending events (no payload)
   */
  public record NodeDescriptor(
      String nodeId,
      boolean started,
      List<JobDescriptor> jobs,
      boolean truncated,
      long dlqDepth,
      List<DeadLetterDescriptor> deadLetters) {}

  /**
   * A pending dead-letter event, without its payload snapshot.
   *
   * @param id the event id: POST {@code {"action": "replay"}} to {@code /actuator/chronos/{id}}
   * @param jobId the job
   * @param jobName its name
   * @param runId the last attempt
   * @param reason why it was dead-lettered
   * @param error the last error
   * @param attempts attempts made
   * @param createdAt when
   */
  public record DeadLetterDescriptor(
      String id,
      String jobId,
      String jobName,
      String runId,
      String reason,
      @Nullable String error,
      int attempts,
      java.time.Instant createdAt) {}

  /**
   * One job in the overview.
   *
   * @param id the job id
   * @param name the job name
   * @param type the job type
   * @param status ACTIVE, PAUSED or DISABLED
   * @param schedule the schedule in words
   * @param nextFireTime the next fire time, if any
   * @param lastRunStatus the status of the latest run, if any
   * @param lastRunAt when the latest run finished, started or was due
   */
  public record JobDescriptor(
      String id,
      String name,
      String type,
      String status,
      String schedule,
      @Nullable Instant nextFireTime,
      @Nullable String lastRunStatus,
      @Nullable Instant lastRunAt) {}

  /**
   * One job in detail, without its payload.
   *
   * @param id the job id
   * @param name the job name
   * @param description the description
   * @param type the job type
   * @param status ACTIVE, PAUSED or DISABLED
   * @param schedule the schedule in words
   * @param tags the tags, sorted
   * @param timeout the run time limit (ISO-8601), if any
   * @param nextFireTime the next fire time, if any
   * @param ownerId the owning user
   * @param version incremented by every change
   * @param createdAt creation time
   * @param updatedAt last change
   * @param runs the latest runs, newest first
   */
  public record JobDetailsDescriptor(
      String id,
      String name,
      @Nullable String description,
      String type,
      String status,
      String schedule,
      Set<String> tags,
      @Nullable String timeout,
      @Nullable Instant nextFireTime,
      String ownerId,
      int version,
      Instant createdAt,
      Instant updatedAt,
      List<RunDescriptor> runs) {}

  /**
   * One run.
   *
   * @param id the run id
   * @param status the run status
   * @param attempt the attempt number
   * @param triggerType why it was queued
   * @param scheduledAt the fire time it belongs to
   * @param startedAt when it started
   * @param finishedAt when it ended
   * @param durationMillis how long it ran
   * @param nodeId the node that ran it
   * @param error why it failed
   * @param resultSummary what the executor reported
   */
  public record RunDescriptor(
      String id,
      String status,
      int attempt,
      String triggerType,
      Instant scheduledAt,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt,
      @Nullable Long durationMillis,
      @Nullable String nodeId,
      @Nullable String error,
      @Nullable String resultSummary) {}

  /**
   * What an action did.
   *
   * @param jobId the job
   * @param action trigger, pause or resume
   * @param status the job's status afterwards
   * @param runId the queued run, for trigger
   */
  public record JobActionDescriptor(
      String jobId, String action, String status, @Nullable String runId) {}
}
