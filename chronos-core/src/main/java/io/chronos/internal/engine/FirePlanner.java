package io.chronos.internal.engine;

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
 * job_schedules.next_fire_at}, which the {@link FirePoller} of some node fires. A fire queues its
 * run and moves the plan to the following fire time, in one transaction under the job row lock; a
 * change to the job (create, update, resume) plans it afresh from now.
 */
final class FirePlanner {
  private static final Logger log = LoggerFactory.getLogger(FirePlanner.class);

  private final Db db;
  private final JobRepository jobs;
  private final FirePlanRepository plans;
  private final RunRepository runs;
  private final Runnable planChanged;

  FirePlanner(
      Db db,
      JobRepository jobs,
      FirePlanRepository plans,
      RunRepository runs,
      Runnable planChanged) {
    this.db = db;
    this.jobs = jobs;
    this.plans = plans;
    this.runs = runs;
    this.planChanged = planChanged;
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
   * Fires a job whose planned fire time has come, with its job row locked by the caller: queues the
   * run of that fire time and plans the next. Returns false when there was nothing to fire (another
   * node fired it meanwhile, or the job changed) or the run was queued before.
   */
  boolean fireDue(String jobId, Instant now) {
    Plan plan = plans.find(jobId).orElse(null);
    if (plan == null
        || plan.status() != JobStatus.ACTIVE
        || plan.nextFireAt() == null
        || plan.nextFireAt().isAfter(now)) {
      return false;
    }
    if (!plan.recurring()) {
      moveTo(plan, null);
      return false;
    }
    Instant scheduled = plan.nextFireAt();
    boolean inserted = queue(jobId, scheduled, RunStatus.QUEUED);
    moveTo(plan, FireTimes.nextAfter(plan.schedule(), plan.anchor(), scheduled).orElse(null));
    return inserted;
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

  /** Sets the job's next fire time; the fire poller looks again once the change commits. */
  void moveTo(Plan plan, @Nullable Instant next) {
    plans.setNextFire(plan.jobId(), next);
    Db.afterCommit(planChanged);
  }
}
