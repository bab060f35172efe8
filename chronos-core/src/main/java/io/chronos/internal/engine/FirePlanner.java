package io.chronos.internal.engine;

import io.chronos.internal.store.Db;
import io.chronos.internal.store.FirePlanRepository;
import io.chronos.internal.store.FirePlanRepository.NextFire;
import io.chronos.internal.store.FirePlanRepository.Plan;
import io.chronos.internal.store.JobRepository;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.RunRepository.NewRun;
import io.chronos.job.JobStatus;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import java.time.Instant;
import java.util.ArrayList;
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
   * Fires the jobs whose planned fire time has come, with their job rows locked by the caller: for
   * each that is still ACTIVE and due, queues the run of the planned fire time and plans the next
   * fire (a plan that is not recurring is cleared instead). One read of the plans, one batch of
   * inserts and one of updates, whatever the number of jobs. Returns how many runs were queued:
   * none for a job another node fired meanwhile or that changed, nor for a fire whose run was
   * queued before (its plan moves on all the same).
   */
  int fireDue(List<String> jobIds, Instant now) {
    List<NewRun> fires = new ArrayList<>();
    List<NextFire> moves = new ArrayList<>();
    for (Plan plan : plans.findAll(jobIds)) {
      Instant scheduled = plan.nextFireAt();
      if (plan.status() != JobStatus.ACTIVE || scheduled == null || scheduled.isAfter(now)) {
        continue;
      }
      if (!plan.recurring()) {
        moves.add(new NextFire(plan.jobId(), null));
        continue;
      }
      fires.add(scheduledRun(plan.jobId(), scheduled, RunStatus.QUEUED));
      moves.add(
          new NextFire(
              plan.jobId(),
              FireTimes.nextAfter(plan.schedule(), plan.anchor(), scheduled).orElse(null)));
    }
    int queued = 0;
    for (boolean inserted : runs.enqueueAll(fires)) {
      if (inserted) {
        queued++;
      }
    }
    moveAll(moves);
    return queued;
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
    return runs.enqueue(scheduledRun(jobId, scheduled, status));
  }

  /** The run of a scheduled fire time: its fire key makes a second one a duplicate. */
  private static NewRun scheduledRun(String jobId, Instant scheduled, RunStatus status) {
    return new NewRun(
        Ids.next(),
        jobId,
        1,
        "S" + scheduled.toEpochMilli(),
        TriggerType.SCHEDULE,
        scheduled,
        scheduled,
        status,
        null,
        null);
  }

  /** Sets the job's next fire time; the fire poller looks again once the change commits. */
  void moveTo(Plan plan, @Nullable Instant next) {
    moveAll(List.of(new NextFire(plan.jobId(), next)));
  }

  /** Sets the jobs' next fire times; the fire poller looks again once the change commits. */
  private void moveAll(List<NextFire> moves) {
    if (moves.isEmpty()) {
      return;
    }
    plans.setNextFireAll(moves);
    Db.afterCommit(planChanged);
  }
}
