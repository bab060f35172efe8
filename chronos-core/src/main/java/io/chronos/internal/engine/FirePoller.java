package io.chronos.internal.engine;

import io.chronos.internal.store.Db;
import io.chronos.internal.store.FirePlanRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires recurring jobs: every node's poller locks the jobs whose planned fire time ({@code
 * job_schedules.next_fire_at}) has come, skipping job rows another node holds, and for each queues
 * the run of that fire and plans the next, in one transaction and a fixed number of statements per
 * batch. It then sleeps until the earliest planned fire time, at most a poll interval (so that
 * plans other nodes change are seen), or until a plan changes on this node.
 *
 * <p>Fires more than the misfire threshold late are left to the {@link MisfireSweep}, which applies
 * the job's misfire policy. This replaces Quartz's trigger firing, whose cluster-wide lock ({@code
 * QRTZ_LOCKS}, several holds and commits per fire) let two nodes fire only 10 to 30 jobs a second
 * on the benchmark machine (docs/benchmarks.md, scenario 3).
 */
final class FirePoller {
  private static final Logger log = LoggerFactory.getLogger(FirePoller.class);
  static final int BATCH = 100;

  /**
   * The shortest sleep between two polls that fired less than a batch: a plan that is due but
   * locked by another node's poller is being fired there, and is looked at again this soon.
   */
  private static final Duration MIN_WAIT = Duration.ofMillis(5);

  private final Db db;
  private final FirePlanRepository plans;
  private final FirePlanner planner;
  private final Duration misfireThreshold;
  private final Duration pollInterval;
  private final Clock clock;
  private final Runnable queueChanged;
  private final String nodeId;
  private final WakeSignal signal = new WakeSignal();
  private volatile boolean running;
  private Thread thread;

  FirePoller(
      Db db,
      FirePlanRepository plans,
      FirePlanner planner,
      Duration misfireThreshold,
      Duration pollInterval,
      Clock clock,
      Runnable queueChanged,
      String nodeId) {
    this.db = db;
    this.plans = plans;
    this.planner = planner;
    this.misfireThreshold = misfireThreshold;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.queueChanged = queueChanged;
    this.nodeId = nodeId;
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = DaemonThreads.named("chronos-fire-" + nodeId).newThread(this::loop);
    thread.start();
  }

  /** A plan changed on this node: look again now. */
  void wakeUp() {
    signal.wakeUp();
  }

  /**
   * Fires the jobs that are due now, up to two batches (one with {@code waitForOthers}); returns
   * how many runs were queued. The poller skips jobs another node is firing; with {@code
   * waitForOthers} (an explicit heartbeat) the call waits for them instead, so that when it returns
   * every fire due on this node's clock has been queued, here or elsewhere.
   */
  int fireDue(boolean waitForOthers) {
    Instant now = clock.instant();
    // Skipping what other nodes hold, twice a batch is read: when two nodes wake for the same
    // burst of fires, the one that finds the first batch locked fires the next one meanwhile,
    // instead of polling until the other commits.
    List<String> due =
        plans.due(now.minus(misfireThreshold), now, waitForOthers ? BATCH : 2 * BATCH);
    if (due.isEmpty()) {
      return 0;
    }
    int fired;
    try {
      fired = db.inTransaction(() -> fireLocked(due, now, waitForOthers));
    } catch (RuntimeException batchFailed) {
      // One job's fire failed the whole batch: fire each alone, so that the others still fire.
      fired = 0;
      for (String jobId : due) {
        try {
          fired += db.inTransaction(() -> fireLocked(List.of(jobId), now, waitForOthers));
        } catch (RuntimeException e) {
          log.warn("Could not fire job {} on node {}: {}", jobId, nodeId, e.toString());
        }
      }
    }
    if (fired > 0) {
      queueChanged.run();
    }
    return fired;
  }

  /**
   * Locks the jobs and fires those still due, in the caller's transaction and in as many statements
   * for a hundred jobs as for one (lock, read the plans, insert the runs, move the plans); returns
   * the runs queued.
   */
  private int fireLocked(List<String> jobIds, Instant now, boolean waitForOthers) {
    return planner.fireDue(plans.lock(jobIds, !waitForOthers), now);
  }

  private void loop() {
    while (running && !Thread.currentThread().isInterrupted()) {
      Duration wait = pollInterval;
      try {
        if (fireDue(false) >= BATCH) {
          continue;
        }
        Instant now = clock.instant();
        wait =
            plans
                .earliestFrom(now.minus(misfireThreshold))
                .map(next -> Duration.between(now, next))
                .filter(untilNext -> untilNext.compareTo(pollInterval) < 0)
                .orElse(pollInterval);
      } catch (RuntimeException e) {
        if (running) {
          log.warn("Firing recurring jobs failed on node {}: {}", nodeId, e.toString());
        }
      }
      signal.await(wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait);
    }
  }

  void close() {
    synchronized (this) {
      running = false;
    }
    wakeUp();
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
