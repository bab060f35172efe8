package io.chronos.internal.engine;

import io.chronos.internal.store.Db;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.RunRepository.ClaimedRun;
import io.chronos.internal.store.RunRepository.LostRun;
import io.chronos.retry.FailureCategory;
import io.chronos.run.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's heartbeat: renews the leases of the runs it executes (on the database clock), stops a
 * run whose lease it no longer holds, and recovers the runs of nodes that stopped heartbeating.
 *
 * <p>Recovery: a run whose lease expired is marked LOST and its job's retry policy decides: a new
 * attempt of the same fire (attempt + 1, trigger RECOVERY, due at once) while attempts remain, else
 * a dead-letter event. So a run that kills its node cannot take the cluster down node by node.
 *
 * <p>Each heartbeat also runs the misfire sweep: recurring jobs whose planned fire is overdue are
 * caught up under their misfire policy ({@link MisfireSweep}).
 */
final class LeaseKeeper {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
  private static final int REAP_BATCH = 100;

  private final Db db;
  private final RunRepository runs;
  private final RunDispatcher dispatcher;
  private final FailureHandler failures;
  private final List<Chore> chores;

  /** Work every heartbeat does besides leases: misfire sweep, audit sealing, retention. */
  record Chore(String name, IntSupplier work) {}

  private final EngineConfig config;
  private final ScheduledExecutorService timer;

  LeaseKeeper(
      Db db,
      RunRepository runs,
      RunDispatcher dispatcher,
      FailureHandler failures,
      EngineConfig config,
      List<Chore> chores) {
    this.chores = List.copyOf(chores);
    this.db = db;
    this.failures = failures;
    this.runs = runs;
    this.dispatcher = dispatcher;
    this.config = config;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("chronos-heartbeat-" + config.nodeId()));
  }

  private volatile Instant lastBeat;

  /** When the heartbeat last renewed and recovered successfully (null before start). */
  Instant lastBeat() {
    return lastBeat;
  }

  void start() {
    lastBeat = config.clock().instant();
    long period = config.heartbeatInterval().toMillis();
    timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
  }

  void close() {
    timer.shutdownNow();
  }

  /**
   * One heartbeat: renew, check, recover, catch up. Public to the package so tests can drive it.
   */
  void beat() {
    try {
      renew();
      int recovered = recoverExpired();
      if (recovered > 0) {
        dispatcher.wakeUp();
      }
      lastBeat = config.clock().instant();
    } catch (RuntimeException e) {
      log.warn("Heartbeat of node {} failed: {}", config.nodeId(), e.toString());
    }
    for (Chore chore : chores) {
      try {
        chore.work().getAsInt();
      } catch (RuntimeException e) {
        log.warn(
            "Heartbeat chore '{}' of node {} failed: {}",
            chore.name(),
            config.nodeId(),
            e.toString());
      }
    }
  }

  private void renew() {
    List<ClaimedRun> mine = dispatcher.held();
    if (mine.isEmpty()) {
      return;
    }
    int renewed = runs.renewLeases(config.nodeId(), config.lease());
    for (String runId : runs.cancelRequested(config.nodeId())) {
      if (dispatcher.stop(runId, RunContext.StopReason.CANCELLED)) {
        log.info("Run {} cancelled on request: worker interrupted", runId);
      }
    }
    if (renewed >= mine.size()) {
      return;
    }
    Set<String> held = runs.stillHeld(config.nodeId(), mine);
    for (ClaimedRun run : mine) {
      // A run that finished since the snapshot is no longer in flight: nothing to stop.
      if (!held.contains(run.id()) && dispatcher.stop(run.id(), RunContext.StopReason.LEASE_LOST)) {
        log.warn(
            "Node {} lost the lease of run {} (job {}): stopping it",
            config.nodeId(),
            run.id(),
            run.jobId());
      }
    }
  }

  /** Marks runs with expired leases LOST and applies their retry policy; returns how many. */
  int recoverExpired() {
    return db.inTransaction(
        () -> {
          Instant now = config.clock().instant();
          List<LostRun> lost = runs.markExpiredLost(REAP_BATCH, now);
          for (LostRun run : lost) {
            if (run.cancelRequested()) {
              continue; // marked CANCELLED: never retried
            }
            log.info("Run {} of job {} lost with node {}", run.id(), run.jobId(), run.nodeId());
            failures.handle(
                new FailureHandler.FailedAttempt(
                    run.id(),
                    run.jobId(),
                    run.attempt(),
                    run.fireKey(),
                    run.scheduledAt(),
                    RunStatus.LOST,
                    FailureCategory.LOST,
                    true,
                    "lease expired: node " + run.nodeId() + " stopped renewing it",
                    null));
          }
          return lost.size();
        });
  }
}
