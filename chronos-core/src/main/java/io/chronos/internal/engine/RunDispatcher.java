package io.chronos.internal.engine;

import io.chronos.internal.secret.SecretResolution;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.LogRepository;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.RunRepository.ClaimedRun;
import io.chronos.retry.FailureCategory;
import io.chronos.run.RunLog;
import io.chronos.run.RunStatus;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import io.chronos.spi.NonRetryableException;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due runs in batches, as many as there are free workers, and executes them on a bounded
 * pool. Each run's outcome is written in one fenced transaction together with its last log lines.
 *
 * <p>Claim-ahead: while the queue has a backlog, a claim also takes up to {@link
 * EngineConfig#claimAhead()} runs more than there are free workers, so that a worker that frees up
 * starts its next run at once instead of waiting for the next claim's round trip. It takes no more
 * ahead than the number of workers that freed up since the previous claim, so a node busy with long
 * runs claims none ahead. A run claimed ahead is RUNNING on this node (its lease is renewed like
 * the others); one that found no free worker within the poll interval is handed back to the queue,
 * for any node to take.
 */
final class RunDispatcher {
  private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);

  private final Db db;
  private final RunRepository runs;
  private final LogRepository logs;
  private final ExecutorRegistry executors;
  private final EngineConfig config;
  private final SecretResolution secrets;
  private FailureHandler failures;
  private RunMetrics metrics;
  private RunNotifications notifications;
  private RunObservation observation;
  private final Semaphore slots;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;
  private final CompletionWriter<Succeeded> successes;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<Waiting> waiting = new ConcurrentLinkedDeque<>();
  private final AtomicInteger freedSinceClaim = new AtomicInteger();
  private final WakeSignal signal = new WakeSignal();
  private volatile boolean backlog;
  private volatile boolean running;
  private Thread loop;

  /** A run being executed on this node. */
  record InFlight(RunContext context, Thread thread) {}

  /** A run claimed ahead, waiting for a free worker since {@code claimedAt} (the node's clock). */
  private record Waiting(ClaimedRun run, Instant claimedAt) {}

  RunDispatcher(
      Db db,
      RunRepository runs,
      LogRepository logs,
      ExecutorRegistry executors,
      EngineConfig config,
      SecretResolution secrets) {
    this.db = db;
    this.secrets = secrets;
    this.runs = runs;
    this.logs = logs;
    this.executors = executors;
    this.config = config;
    this.slots = new Semaphore(config.workerThreads());
    // Twice the slots: a worker whose run succeeded gives its slot back before it waits for the
    // group commit of its outcome, so the next run can start while the outcome is written.
    this.workers =
        Executors.newFixedThreadPool(
            2 * config.workerThreads(), DaemonThreads.named("chronos-worker-" + config.nodeId()));
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("chronos-timeout-" + config.nodeId()));
    this.successes =
        new CompletionWriter<>(
            db,
            this::closeSucceeded,
            config.workerThreads(),
            "chronos-completer-" + config.nodeId());
  }

  /** Set once at wiring time: the handler needs the dispatcher's wake-up, and vice versa. */
  void wire(
      FailureHandler failures,
      RunMetrics metrics,
      RunNotifications notifications,
      RunObservation observation) {
    this.failures = failures;
    this.metrics = metrics;
    this.notifications = notifications;
    this.observation = observation;
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    successes.start();
    loop = DaemonThreads.named("chronos-dispatcher-" + config.nodeId()).newThread(this::loop);
    loop.start();
  }

  /** Tells the dispatcher that runs may be due now (a run was queued or released). */
  void wakeUp() {
    signal.wakeUp();
  }

  /**
   * The runs this node holds: those executing and those claimed ahead, waiting for a worker. A run
   * moving from waiting to executing at that moment may be missing; the next heartbeat sees it.
   */
  List<ClaimedRun> held() {
    List<ClaimedRun> held = new ArrayList<>(inFlight.size() + waiting.size());
    inFlight.values().forEach(f -> held.add(f.context().run()));
    waiting.forEach(w -> held.add(w.run()));
    return held;
  }

  /**
   * Stops a run this node executes or holds waiting; returns false when it is not here. A waiting
   * run never starts: cancelled, it is closed CANCELLED; with its lease lost, it is dropped (the
   * node that recovers it runs it).
   */
  boolean stop(String runId, RunContext.StopReason reason) {
    InFlight running = inFlight.get(runId);
    if (running == null) {
      return stopWaiting(runId, reason);
    }
    if (running.context().stop(reason)) {
      running.thread().interrupt();
    }
    return true;
  }

  private boolean stopWaiting(String runId, RunContext.StopReason reason) {
    for (Waiting w : waiting) {
      if (w.run().id().equals(runId) && waiting.remove(w)) {
        if (reason == RunContext.StopReason.CANCELLED) {
          workers.execute(() -> execute(w.run(), reason, false));
        } else {
          // Lease lost: the fence refuses the hand-back and the recovering node runs it.
          handBack(w.run(), reason.name());
        }
        return true;
      }
    }
    return false;
  }

  /** Hands a run this node claimed but did not start back to the queue (fenced). */
  private void handBack(ClaimedRun run, String why) {
    try {
      boolean handedBack = db.inTransaction(() -> runs.handBack(run, config.nodeId()));
      log.debug(
          "Run {} of job {} claimed ahead {} ({})",
          run.id(),
          run.jobId(),
          handedBack ? "handed back to the queue" : "was no longer held",
          why);
    } catch (RuntimeException e) {
      // No longer in held(): its lease expires unrenewed and recovery queues it again.
      log.warn("Could not hand run {} back to the queue: {}", run.id(), e.toString());
    }
  }

  private void loop() {
    while (running && !Thread.currentThread().isInterrupted()) {
      try {
        startWaiting();
        handBackStale();
        // With a backlog, wait until a quarter of the workers are free and claim them in one
        // batch: claims then cost a fraction of a statement per run instead of one each.
        int worthClaiming = backlog ? Math.max(1, config.workerThreads() / 4) : 1;
        int room = room();
        if (room >= worthClaiming) {
          freedSinceClaim.set(0);
          Instant now = config.clock().instant();
          List<ClaimedRun> claimed =
              db.inReadCommittedTransaction(
                  () -> runs.claim(config.nodeId(), room, config.lease(), now));
          backlog = claimed.size() == room;
          if (log.isTraceEnabled()) {
            log.trace(
                "Node {} claimed {} of {} runs asked for", config.nodeId(), claimed.size(), room);
          }
          for (ClaimedRun run : claimed) {
            waiting.addLast(new Waiting(run, now));
          }
          startWaiting();
          if (backlog && room() >= worthClaiming) {
            continue;
          }
        }
        signal.await(config.pollInterval());
      } catch (RuntimeException e) {
        if (running) {
          log.warn("Claiming runs failed on node {}: {}", config.nodeId(), e.toString());
          signal.await(config.pollInterval());
        }
      }
    }
  }

  /**
   * How many runs a claim may take now: one per free worker, and with a backlog as many more as
   * workers freed up since the last claim (at most claimAhead), less those already waiting.
   */
  private int room() {
    int ahead = backlog ? Math.min(config.claimAhead(), freedSinceClaim.get()) : 0;
    return slots.availablePermits() + ahead - waiting.size();
  }

  /** Starts waiting runs, oldest claim first, on the free workers. */
  private void startWaiting() {
    while (!waiting.isEmpty() && slots.tryAcquire()) {
      Waiting next = waiting.pollFirst();
      if (next == null) {
        slots.release();
        return;
      }
      workers.execute(() -> execute(next.run(), null, true));
    }
  }

  /**
   * Hands back the runs that waited longer than the poll interval: every worker is busy with runs
   * that take long, and an idle node may take them meanwhile.
   */
  private void handBackStale() {
    Instant cutoff = config.clock().instant().minus(config.pollInterval());
    for (Waiting w : waiting) {
      if (w.claimedAt().isBefore(cutoff) && waiting.remove(w)) {
        handBack(w.run(), "no worker freed up within " + config.pollInterval());
      }
    }
  }

  /**
   * Executes a claimed run and writes its outcome.
   *
   * @param stopped a reason it was stopped before it started (it is then not executed), or null
   * @param holdsSlot whether the run took a worker slot, to be given back when it ends
   */
  private void execute(ClaimedRun run, @Nullable RunContext.StopReason stopped, boolean holdsSlot) {
    RunContext context =
        new RunContext(
            run,
            config.clock(),
            config.logBatchSize(),
            config.maxLogLinesPerRun(),
            secrets,
            lines -> flushLogs(run, lines));
    inFlight.put(run.id(), new InFlight(context, Thread.currentThread()));
    ScheduledFuture<?> timeout =
        run.timeout() == null
            ? null
            : timers.schedule(
                () -> stop(run.id(), RunContext.StopReason.TIMEOUT),
                run.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
    Instant started = config.clock().instant();
    metrics.started(run, started);
    Outcome outcome;
    Observation observed = observation.start(run);
    Observation.Scope scope = observed.openScope();
    try {
      if (stopped != null) {
        context.stop(stopped);
        outcome = stopped(context);
      } else {
        outcome = run(run, context);
      }
    } finally {
      scope.close();
      if (timeout != null) {
        timeout.cancel(false);
      }
      inFlight.remove(run.id());
      Thread.interrupted();
    }
    RunObservation.stop(observed, outcome.status(), context.mask(outcome.error()));
    Instant finished = config.clock().instant();
    RunRepository.Closing closing =
        new RunRepository.Closing(
            run,
            outcome.status(),
            context.mask(outcome.error()),
            context.mask(outcome.summary()),
            started,
            finished,
            Duration.between(started, finished).toMillis());
    boolean groupCommitted = outcome.status() == RunStatus.SUCCEEDED;
    try {
      boolean closed;
      if (groupCommitted) {
        if (holdsSlot) {
          freeSlot();
        }
        closed = successes.write(new Succeeded(closing, context.drain()));
      } else {
        closed = db.inTransaction(() -> closeFailed(closing, outcome, context));
      }
      if (closed) {
        metrics.finished(run, outcome.status(), Duration.between(started, finished));
      } else if (context.stopReason() == RunContext.StopReason.SHUTDOWN) {
        log.info(
            "Run {} was handed back at shutdown; its interrupted attempt is discarded", run.id());
      } else if (!closed) {
        log.warn(
            "Run {} of job {} is no longer held by node {}: its outcome {} was refused",
            run.id(),
            run.jobId(),
            config.nodeId(),
            outcome.status());
      }
    } catch (RuntimeException e) {
      log.error("Could not record the outcome of run {}: {}", run.id(), e.toString());
    } finally {
      if (!groupCommitted && holdsSlot) {
        freeSlot();
      }
    }
  }

  /** A run stopped executing: its worker slot may take the next one. */
  private void freeSlot() {
    slots.release();
    freedSinceClaim.incrementAndGet();
    if (backlog || !waiting.isEmpty()) {
      wakeUp();
    }
  }

  /** A successful run's closing and its last log lines, written by the group commit. */
  private record Succeeded(RunRepository.Closing closing, List<RunLog> lines) {}

  /** Closes successful runs in the current transaction, with their log lines and notifications. */
  private boolean[] closeSucceeded(List<Succeeded> batch) {
    List<RunRepository.Closing> closings = new ArrayList<>(batch.size());
    batch.forEach(s -> closings.add(s.closing()));
    boolean[] closed = runs.completeAll(closings, config.nodeId());
    List<RunLog> lines = new ArrayList<>();
    for (int i = 0; i < closed.length; i++) {
      if (closed[i]) {
        ClaimedRun run = closings.get(i).run();
        lines.addAll(batch.get(i).lines());
        notifications.ended(
            new RunNotifications.Ended(
                run.id(),
                run.jobId(),
                run.jobName(),
                run.ownerId(),
                run.attempt(),
                RunStatus.SUCCEEDED,
                null,
                run.notificationRules()));
      }
    }
    logs.insertAll(lines);
    return closed;
  }

  /** Closes a failed run in the current transaction and lets its retry policy decide. */
  private boolean closeFailed(RunRepository.Closing closing, Outcome outcome, RunContext context) {
    if (!runs.complete(closing, config.nodeId())) {
      return false;
    }
    ClaimedRun run = closing.run();
    logs.insertAll(context.drain());
    failures.handle(
        new FailureHandler.FailedAttempt(
            run.id(),
            run.jobId(),
            run.attempt(),
            run.fireKey(),
            run.scheduledAt(),
            outcome.status(),
            outcome.category(),
            outcome.retryable(),
            closing.error(),
            outcome.retryAfter()));
    return true;
  }

  private record Outcome(
      RunStatus status,
      String error,
      String summary,
      boolean retryable,
      FailureCategory category,
      Duration retryAfter) {
    Outcome(RunStatus status, String error, String summary, boolean retryable) {
      this(status, error, summary, retryable, FailureCategory.OTHER, null);
    }
  }

  private Outcome run(ClaimedRun run, RunContext context) {
    Optional<JobExecutor<?>> executor = executors.find(run.payload().type());
    if (executor.isEmpty()) {
      return new Outcome(
          RunStatus.FAILED,
          "no executor for job type " + run.payload().type() + " on node " + config.nodeId(),
          null,
          false);
    }
    try {
      ExecutionResult result = ExecutorRegistry.execute(executor.get(), run.payload(), context);
      if (context.stopReason() != null) {
        return stopped(context);
      }
      if (result instanceof ExecutionResult.Failure failure) {
        return new Outcome(
            RunStatus.FAILED,
            failure.message(),
            null,
            failure.retryable(),
            failure.category(),
            failure.retryAfter());
      }
      return new Outcome(
          RunStatus.SUCCEEDED, null, ((ExecutionResult.Success) result).summary(), false);
    } catch (InterruptedException e) {
      return context.stopReason() != null
          ? stopped(context)
          : new Outcome(RunStatus.FAILED, "interrupted", null, true);
    } catch (NonRetryableException e) {
      return new Outcome(RunStatus.FAILED, e.getMessage(), null, false);
    } catch (Exception | Error e) {
      if (context.stopReason() != null) {
        return stopped(context);
      }
      log.debug("Run {} failed", run.id(), e);
      return new Outcome(
          RunStatus.FAILED, e.toString(), null, true, FailureCategory.EXCEPTION, null);
    }
  }

  private static Outcome stopped(RunContext context) {
    return switch (context.stopReason()) {
      case TIMEOUT ->
          new Outcome(
              RunStatus.TIMED_OUT, "timed out after " + context.run().timeout(), null, true);
      case CANCELLED -> new Outcome(RunStatus.CANCELLED, "cancelled", null, false);
      case LEASE_LOST, SHUTDOWN ->
          new Outcome(RunStatus.FAILED, "stopped: " + context.stopReason(), null, true);
    };
  }

  private void flushLogs(ClaimedRun run, List<RunLog> lines) {
    boolean held =
        db.inTransaction(
            () -> {
              if (!runs.holdsLease(run, config.nodeId())) {
                return false;
              }
              logs.insertAll(lines);
              return true;
            });
    if (!held) {
      stop(run.id(), RunContext.StopReason.LEASE_LOST);
    }
  }

  /**
   * Stops claiming, lets running runs finish for up to {@code timeout}, then hands the rest back to
   * the queue (fenced, so a late finish of theirs is refused) and interrupts them.
   */
  void close(Duration timeout) {
    synchronized (this) {
      running = false;
    }
    wakeUp();
    if (loop != null) {
      try {
        loop.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // The loop has stopped: runs claimed ahead go back to the queue for the other nodes.
    for (Waiting w = waiting.pollFirst(); w != null; w = waiting.pollFirst()) {
      handBack(w.run(), "shutdown");
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        for (InFlight running : inFlight.values()) {
          ClaimedRun run = running.context().run();
          boolean handedBack = db.inTransaction(() -> runs.handBack(run, config.nodeId()));
          log.info(
              "Shutdown: run {} of job {} {}",
              run.id(),
              run.jobId(),
              handedBack ? "handed back to the queue" : "was no longer held");
          stop(run.id(), RunContext.StopReason.SHUTDOWN);
        }
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    } finally {
      successes.close();
      timers.shutdownNow();
    }
  }
}
