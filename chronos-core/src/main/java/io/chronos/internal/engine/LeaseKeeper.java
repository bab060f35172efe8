package io.chronos.internal.engine;

import io.chronos.internal.store.Db;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.RunRepository.ClaimedRun;
import io.chronos.internal.store.RunRepository.LostRun;
import io.chronos.internal.store.RunRepository.NewRun;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's heartbeat: renews the leases of the runs it executes (on the database clock), stops a
 * run whose lease it no longer holds, and recovers the runs of nodes that stopped heartbeating.
 *
 * <p>Recovery: a run whose lease expired is marked LOST and queued again as a new attempt (same
 * fire, attempt + 1, trigger RECOVERY). A RECOVERY attempt that is itself lost is not queued again,
 * so a run that kills its node cannot take the cluster down one node at a time.
 */
final class LeaseKeeper {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
  private static final int REAP_BATCH = 100;

  private final Db db;
  private final RunRepository runs;
  private final RunDispatcher dispatcher;
  private final EngineConfig config;
  private final ScheduledExecutorService timer;

  LeaseKeeper(Db db, RunRepository runs, RunDispatcher dispatcher, EngineConfig config) {
    this.db = db;
    this.runs = runs;
    this.dispatcher = dispatcher;
    this.config = config;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            RunDispatcher.threads("chronos-heartbeat-" + config.nodeId()));
  }

  void start() {
    long period = config.heartbeatInterval().toMillis();
    timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
  }

  void close() {
    timer.shutdownNow();
  }

  /** One heartbeat: renew, check, recover. Public to the package so tests can drive it. */
  void beat() {
    try {
      renew();
      int recovered = recoverExpired();
      if (recovered > 0) {
        dispatcher.wakeUp();
      }
    } catch (RuntimeException e) {
      log.warn("Heartbeat of node {} failed: {}", config.nodeId(), e.toString());
    }
  }

  private void renew() {
    List<ClaimedRun> mine = dispatcher.inFlight().stream().map(f -> f.context().run()).toList();
    if (mine.isEmpty()) {
      return;
    }
    int renewed = runs.renewLeases(config.nodeId(), config.lease());
    if (renewed >= mine.size()) {
      return;
    }
    Set<String> held = runs.stillHeld(config.nodeId(), mine);
    for (ClaimedRun run : mine) {
      if (!held.contains(run.id())) {
        log.warn(
            "Node {} lost the lease of run {} (job {}): stopping it",
            config.nodeId(),
            run.id(),
            run.jobId());
        dispatcher.stop(run.id(), RunContext.StopReason.LEASE_LOST);
      }
    }
  }

  /** Marks runs with expired leases LOST and queues their recovery attempt; returns how many. */
  int recoverExpired() {
    return db.inTransaction(
        () -> {
          Instant now = config.clock().instant();
          List<LostRun> lost = runs.markExpiredLost(REAP_BATCH, now);
          for (LostRun run : lost) {
            if (run.triggerType() == TriggerType.RECOVERY) {
              log.warn(
                  "Run {} of job {} was lost again on node {}; not recovered a second time",
                  run.id(),
                  run.jobId(),
                  run.nodeId());
              continue;
            }
            runs.enqueue(
                new NewRun(
                    Ids.next(),
                    run.jobId(),
                    run.attempt() + 1,
                    run.fireKey(),
                    TriggerType.RECOVERY,
                    run.scheduledAt(),
                    now,
                    RunStatus.QUEUED,
                    run.id(),
                    0L));
            log.info(
                "Run {} of job {} lost with node {}: queued attempt {}",
                run.id(),
                run.jobId(),
                run.nodeId(),
                run.attempt() + 1);
          }
          return lost.size();
        });
  }
}
