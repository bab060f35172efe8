package io.chronos.internal.engine;

import io.chronos.internal.store.Db;
import io.chronos.internal.store.FirePlanRepository;
import io.chronos.internal.store.FirePlanRepository.Plan;
import io.chronos.internal.store.JobRepository;
import io.chronos.job.JobStatus;
import io.chronos.run.RunStatus;
import io.chronos.schedule.Misfire;
import io.chronos.schedule.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up recurring jobs that missed fires, on the node's {@link Clock}: run at start and at
 * every heartbeat. A job has misfired when its planned fire time is more than the misfire threshold
 * in the past (every node was down, or the fire pollers were that far behind; they leave such a
 * fire to this sweep). Every fire time from the planned one up to now is then missed, and the job's
 * {@link Misfire} policy queues runs for the newest {@code cap} of them: FIRE_ONCE the latest, SKIP
 * none, FIRE_ALL up to its cap. The job continues with its first fire time after now.
 *
 * <p>Each job is handled in its own transaction under its job row lock, so several nodes sweeping
 * at once, or a fire arriving meanwhile, handle each fire time once; the fire key's unique key
 * stops a duplicate run in any case.
 */
final class MisfireSweep {
  private static final Logger log = LoggerFactory.getLogger(MisfireSweep.class);
  private static final int BATCH = 100;

  private final Db db;
  private final JobRepository jobs;
  private final FirePlanRepository plans;
  private final FirePlanner planner;
  private final Duration threshold;
  private final Clock clock;
  private final Runnable queueChanged;

  MisfireSweep(
      Db db,
      JobRepository jobs,
      FirePlanRepository plans,
      FirePlanner planner,
      Duration threshold,
      Clock clock,
      Runnable queueChanged) {
    this.db = db;
    this.jobs = jobs;
    this.plans = plans;
    this.planner = planner;
    this.threshold = threshold;
    this.clock = clock;
    this.queueChanged = queueChanged;
  }

  /** Catches up every misfired job (up to a batch per call); returns the runs queued. */
  int sweep() {
    List<String> overdue;
    try {
      overdue = plans.overdue(clock.instant().minus(threshold), BATCH);
    } catch (RuntimeException e) {
      log.warn("Misfire sweep failed: {}", e.toString());
      return 0;
    }
    int queued = 0;
    for (String jobId : overdue) {
      try {
        queued += db.inTransaction(() -> catchUp(jobId));
      } catch (RuntimeException e) {
        log.warn("Could not catch up the missed fires of job {}: {}", jobId, e.toString());
      }
    }
    if (queued > 0) {
      queueChanged.run();
    }
    return queued;
  }

  private int catchUp(String jobId) {
    if (jobs.lockOwner(jobId).isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    Plan plan = plans.find(jobId).orElseThrow();
    Instant due = plan.nextFireAt();
    // Checked again under the lock: another node, or the fire itself, may have moved it on.
    if (plan.status() != JobStatus.ACTIVE || due == null || !due.isBefore(now.minus(threshold))) {
      return 0;
    }
    Misfire misfire = misfireOf(plan.schedule());
    List<Instant> missed =
        FireTimes.latest(plan.schedule(), plan.anchor(), due, now, misfire.cap());
    int queued = 0;
    for (Instant fireTime : missed) {
      if (planner.queue(jobId, fireTime, RunStatus.QUEUED)) {
        queued++;
      }
    }
    Instant next = FireTimes.nextAfter(plan.schedule(), plan.anchor(), now).orElse(null);
    planner.moveTo(plan, next);
    log.info(
        "Job {} missed its fires since {} ({} late): {} queued {} run(s); next fire {}",
        jobId,
        due,
        Duration.between(due, now),
        misfire,
        queued,
        next);
    log.debug("Catch-up fire times of job {}: {}", jobId, missed);
    return queued;
  }

  private static Misfire misfireOf(Schedule schedule) {
    if (schedule instanceof Schedule.Cron cron) {
      return cron.misfire();
    }
    if (schedule instanceof Schedule.Interval interval) {
      return interval.misfire();
    }
    return Misfire.skip();
  }
}
