package io.chronos.spring.boot;

import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.ValidationException;
import io.chronos.job.Job;
import io.chronos.job.JobQuery;
import io.chronos.job.JobSpec;
import io.chronos.job.JobStatus;
import io.chronos.job.Jobs;
import io.chronos.schedule.Schedule;
import io.chronos.security.Actor;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the database match the {@link ChronosJob @ChronosJob} declarations, as the system actor:
 * creates a missing job, updates one whose declaration changed, leaves an equal one alone. Several
 * nodes may start at once: a node that loses the race to create a job reads the winner's back.
 *
 * <p>With {@code disableRemoved}, code-declared jobs that no longer exist in code are paused and
 * tagged {@value #REMOVED_TAG}; such a job declared again is updated and resumed.
 */
public final class JobReconciler {
  /** The tag of a code-declared job that was paused because its declaration disappeared. */
  public static final String REMOVED_TAG = "code-removed";

  private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);
  private static final Actor SYSTEM = Actor.system();

  private final Jobs jobs;
  private final Supplier<List<DeclaredJob>> declarations;
  private final ZoneId defaultZone;
  private final boolean disableRemoved;

  /**
   * @param jobs the node's jobs
   * @param declarations the declared jobs, read when {@link #reconcile()} runs (by then every eager
   *     bean has been created and inspected)
   * @param defaultZone the zone of cron declarations without one
   * @param disableRemoved whether to pause code-declared jobs that are no longer declared
   */
  public JobReconciler(
      Jobs jobs,
      Supplier<List<DeclaredJob>> declarations,
      ZoneId defaultZone,
      boolean disableRemoved) {
    this.jobs = jobs;
    this.declarations = declarations;
    this.defaultZone = defaultZone;
    this.disableRemoved = disableRemoved;
  }

  /** Reconciles every declaration; a declaration the core refuses stops with its location. */
  public void reconcile() {
    List<DeclaredJob> declared = declarations.get();
    int created = 0;
    int updated = 0;
    for (DeclaredJob job : declared) {
      try {
        switch (reconcile(job.toSpec(defaultZone))) {
          case CREATED -> created++;
          case UPDATED -> updated++;
          case UNCHANGED -> {}
        }
      } catch (ValidationException e) {
        throw new IllegalStateException(
            "Invalid @ChronosJob on " + job.location() + ": " + e.getMessage(), e);
      }
    }
    int paused = disableRemoved ? pauseRemoved(declared) : 0;
    if (!declared.isEmpty() || paused > 0) {
      log.info(
          "Chronos @ChronosJob jobs reconciled: {} declared, {} created, {} updated, {} paused as"
              + " removed",
          declared.size(),
          created,
          updated,
          paused);
    }
  }

  private enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  private Outcome reconcile(JobSpec spec) {
    Optional<Job> existing = jobs.findByName(SYSTEM, Actor.SYSTEM_USER_ID, spec.name());
    if (existing.isEmpty()) {
      try {
        jobs.create(SYSTEM, spec);
        log.debug("Created code-declared job {}", spec.name());
        return Outcome.CREATED;
      } catch (ValidationException e) {
        // Another node may have created it between our read and our insert.
        existing =
            e.hasErrorFor("name")
                ? jobs.findByName(SYSTEM, Actor.SYSTEM_USER_ID, spec.name())
                : Optional.empty();
        if (existing.isEmpty()) {
          throw e;
        }
      }
    }
    Job job = existing.get();
    if (matches(job, spec)) {
      return Outcome.UNCHANGED;
    }
    // Keep what an operator decided: a DISABLED job stays disabled, a PAUSED one paused.
    Job after =
        jobs.update(
            SYSTEM, job.id(), spec.toBuilder().enabled(job.status() != JobStatus.DISABLED).build());
    if (job.tags().contains(REMOVED_TAG) && after.status() == JobStatus.PAUSED) {
      jobs.resume(SYSTEM, job.id());
      log.info("Code-declared job {} is declared again: resumed", spec.name());
    }
    log.debug("Updated code-declared job {}", spec.name());
    return Outcome.UPDATED;
  }

  /** True when the stored job already is what the declaration says. */
  static boolean matches(Job job, JobSpec spec) {
    return Objects.equals(job.description(), spec.description())
        && Objects.equals(job.payload(), spec.payload())
        && sameSchedule(job.schedule(), spec.schedule())
        && job.tags().equals(spec.tags())
        && Objects.equals(job.timeout(), spec.timeout())
        && job.concurrency() == spec.concurrency()
        && Objects.equals(job.retryPolicy(), spec.retryPolicy());
  }

  private static boolean sameSchedule(Schedule stored, Schedule declared) {
    if (stored instanceof Schedule.Interval a && declared instanceof Schedule.Interval b) {
      // The initial delay only places the first fire; the stored value is derived from the last
      // change time, so comparing it would update (and re-anchor) the job at every start.
      return a.every().equals(b.every());
    }
    return stored.equals(declared);
  }

  private int pauseRemoved(List<DeclaredJob> declared) {
    Set<String> names = new HashSet<>();
    declared.forEach(job -> names.add(job.name()));
    List<Job> removed = new ArrayList<>();
    JobQuery query = JobQuery.all().owner(Actor.SYSTEM_USER_ID).tag(ChronosJob.CODE_DECLARED_TAG);
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<Job> result = jobs.list(SYSTEM, query.page(page));
      for (Job job : result.items()) {
        if (!names.contains(job.name())
            && job.type().equals(MethodJobPayload.TYPE)
            && job.status() == JobStatus.ACTIVE) {
          removed.add(job);
        }
      }
      if (!result.hasNext()) {
        break;
      }
      page = PageRequest.after(result.nextCursor(), PageRequest.MAX_LIMIT);
    }
    for (Job job : removed) {
      pause(job);
    }
    return removed.size();
  }

  /**
   * The schedule as it can be saved again: a stored interval's initial delay is derived from the
   * job's last change and is negative once the first fire has passed.
   */
  private static Schedule storable(Schedule schedule) {
    if (schedule instanceof Schedule.Interval interval && interval.initialDelay().isNegative()) {
      return new Schedule.Interval(interval.every(), interval.every());
    }
    return schedule;
  }

  private void pause(Job job) {
    Set<String> tags = new LinkedHashSet<>(job.tags());
    tags.add(REMOVED_TAG);
    JobSpec spec =
        JobSpec.builder(job.name(), job.payload())
            .description(job.description())
            .schedule(storable(job.schedule()))
            .owner(job.ownerId())
            .tags(tags)
            .timeout(job.timeout())
            .build();
    jobs.update(SYSTEM, job.id(), spec);
    jobs.pause(SYSTEM, job.id());
    log.warn(
        "Code-declared job {} ({}) is no longer declared in code: paused and tagged {}",
        job.name(),
        job.id(),
        REMOVED_TAG);
  }
}
