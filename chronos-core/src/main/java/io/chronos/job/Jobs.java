package io.chronos.job;

import io.chronos.Page;
import io.chronos.run.JobRun;
import io.chronos.security.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creating, changing and reading jobs. Every call names its actor: a USER sees and changes only own
 * jobs, an ADMIN (or the system) all of them. Every change is one database transaction across the
 * Chronos tables, the Quartz tables and the audit event.
 */
public interface Jobs {

  /**
   * Creates a job. Throws {@link io.chronos.ValidationException} listing every problem when the
   * spec is invalid (nothing is stored), {@link io.chronos.security.AccessDeniedException} when the
   * actor may not create this job.
   */
  Job create(Actor actor, JobSpec spec);

  /** Replaces a job's definition; the job keeps its id and history. */
  Job update(Actor actor, String jobId, JobSpec spec);

  /** Stops a job from firing; its queued runs are held until it is resumed. */
  Job pause(Actor actor, String jobId);

  /** Lets a paused job fire again and releases its held runs. */
  Job resume(Actor actor, String jobId);

  /** Deletes a job with its schedule, payload and history. Running runs are fenced out. */
  void delete(Actor actor, String jobId);

  /** Queues a run now, whatever the schedule ("run now"). */
  JobRun trigger(Actor actor, String jobId);

  /** A job by id, empty when it does not exist or the actor may not see it. */
  Optional<Job> get(Actor actor, String jobId);

  /**
   * A job by owner and name (names are unique per owner), empty when there is none or the actor may
   * not see it. Code-declared jobs are reconciled through this.
   */
  Optional<Job> findByName(Actor actor, String ownerId, String name);

  /** A page of jobs matching the query, in id (creation) order. */
  Page<Job> list(Actor actor, JobQuery query);

  /** The next {@code count} fire times of a job after {@code after}. */
  List<Instant> nextFireTimes(Actor actor, String jobId, Instant after, int count);
}
