package io.chronos.internal.engine;

import io.chronos.internal.quartz.QuartzBridge;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.FirePlanRepository;
import io.chronos.internal.store.FirePlanRepository.Plan;
import io.chronos.internal.store.JobRepository;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.RunRepository.NewRun;
import io.chronos.job.JobStatus;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fire plan of recurring jobs: each cron or interval job has its next fire time in {@code
 * job_schedules.next_fire_at} and a Quartz one-shot trigger at that time. A fire queues its run and
 * moves both to the following fire time, in one transaction under the job row lock; a change to the
 * job (create, update, resume) plans it afresh from now.
 */
final class FirePlanner {
  private static final Logger log = LoggerFactory.getLogger(FirePlanner.class);

  private final Db db;
  private final JobRepository jobs;
  private final FirePlanRepository plans;
  private final RunRepository runs;
  private final QuartzBridge quartz;
  private final Runnable queueChanged;

  FirePlanner(
      Db db,
      JobRepository jobs,
      FirePlanRepository plans,
      RunRepository runs,
      QuartzBridge quartz,
      Runnable queueChanged) {
    this.db = db;
    this.jobs = jobs;
    this.plans = plans;
    this.runs = runs;
    this.quartz = quartz;
    this.queueChanged = queueChanged;
  }

  /**
   * Plans a job after a change, inside the caller's transaction with the job row locked: its first
   * fire from now on (a fire due this very millisecond included), or no fire when the job is
   * disabled or not recurring. Fires a paused job missed are not caught up.
   */
  void plan(String jobId, Instant now) {
    Plan plan = plans.find(jobId).orElseThrow();
    Instant next =
        plan.status() == JobStatus.DISABLED
            ? null
            : FireTimes.nextAfter(plan.schedule(), plan.anchor(), now.minusMillis(1)).orElse(null);
    moveTo(plan, next);
  }

  /**
   * A Quartz trigger fired: queues the run of that fire time and plans the next. A fire that is not
   * the planned one (the job changed, or the misfire sweep handled that time) is ignored; a run
   * already queued for the time is not queued twice.
   */
  void fired(String jobId, Instant scheduled) {
    boolean queued =
        db.inTransaction(
            () -> {
              if (jobs.lockOwner(jobId).isEmpty()) {
                return false;
              }
              Plan plan = plans.find(jobId).orElseThrow();
              if (!plan.recurring() || plan.status() == JobStatus.DISABLED) {
                return false;
              }
              // No plan yet: a trigger of a job saved before Chronos planned fires itself.
              if (plan.nextFireAt() != null && !plan.nextFireAt().equals(scheduled)) {
                log.debug(
                    "Fire of job {} at {} ignored: its next fire is {}",
                    jobId,
                    scheduled,
                    plan.nextFireAt());
                return false;
              }
              // A fire racing a pause is kept, held until the job is resumed.
              boolean inserted =
                  queue(
                      jobId,
                      scheduled,
                      plan.status() == JobStatus.PAUSED ? RunStatus.HELD : RunStatus.QUEUED);
              moveTo(
                  plan,
                  FireTimes.nextAfter(plan.schedule(), plan.anchor(), scheduled).orElse(null));
              return inserted;
            });
    if (queued) {
      queueChanged.run();
    } else {
      log.debug("Fire of job {} at {} queued nothing", jobId, scheduled);
    }
  }

  /**
   * Plans the enabled recurring jobs that have no plan: jobs saved before Chronos planned fire
   * times itself, whose Quartz trigger is still a cron or repeating one. Run at start.
   */
  int planUnplanned() {
    List<String> unplanned = plans.unplanned();
    int planned = 0;
    for (String jobId : unplanned) {
      try {
        planned +=
            db.inTransaction(
                () -> {
                  if (jobs.lockOwner(jobId).isEmpty()) {
                    return 0;
                  }
                  plan(jobId, db.now());
                  return 1;
                });
      } catch (RuntimeException e) {
        log.warn("Could not plan the fires of job {}: {}", jobId, e.toString());
      }
    }
    if (planned > 0) {
      log.info("Planned the fires of {} recurring job(s) saved by an earlier version", planned);
    }
    return planned;
  }

  /** Queues the run of one scheduled fire time; false when it was queued before. */
  boolean queue(String jobId, Instant scheduled, RunStatus status) {
    return runs.enqueue(
        new NewRun(
            Ids.next(),
            jobId,
            1,
            "S" + scheduled.toEpochMilli(),
            TriggerType.SCHEDULE,
            scheduled,
            scheduled,
            status,
            null,
            null));
  }

  /** Sets the job's next fire time and points its Quartz trigger at it. */
  void moveTo(Plan plan, @Nullable Instant next) {
    plans.setNextFire(plan.jobId(), next);
    quartz.plan(plan.jobId(), next, plan.status() == JobStatus.PAUSED);
  }
}
