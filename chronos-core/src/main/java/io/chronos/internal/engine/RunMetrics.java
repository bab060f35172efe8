package io.chronos.internal.engine;

import io.chronos.internal.store.DlqRepository;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.RunRepository.ClaimedRun;
import io.chronos.run.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.annotation.Nullable;

/**
 * Micrometer meters of one node, with low-cardinality tags only (job type and outcome, never a job
 * id or name): {@code chronos.runs} (counter), {@code chronos.run.duration} and {@code
 * chronos.run.start.lag} (timers), {@code chronos.queue.depth} and {@code chronos.dlq.depth}
 * (gauges, read from the database when scraped). Without a registry nothing is recorded.
 */
final class RunMetrics {
  private final @Nullable MeterRegistry registry;

  RunMetrics(@Nullable MeterRegistry registry, RunRepository runs, DlqRepository dlq, Clock clock) {
    this.registry = registry;
    if (registry != null) {
      Gauge.builder("chronos.queue.depth", runs, r -> r.dueCount(clock.instant()))
          .description("Runs queued and due, across the cluster")
          .register(registry);
      Gauge.builder("chronos.dlq.depth", dlq, DlqRepository::pendingCount)
          .description("Dead-letter events waiting for an operator")
          .register(registry);
    }
  }

  /** A run started now: how late was it against the time it was due? */
  void started(ClaimedRun run, Instant startedAt) {
    if (registry == null) {
      return;
    }
    Duration lag = Duration.between(run.notBefore(), startedAt);
    Timer.builder("chronos.run.start.lag")
        .description("Actual start minus the time the run was due")
        .tag("type", run.payload().type().name())
        .register(registry)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** A run ended with an outcome (recorded only if its node still held it). */
  void finished(ClaimedRun run, RunStatus status, Duration duration) {
    if (registry == null) {
      return;
    }
    String type = run.payload().type().name();
    Counter.builder("chronos.runs")
        .description("Runs ended, by job type and outcome")
        .tag("type", type)
        .tag("outcome", status.name())
        .register(registry)
        .increment();
    Timer.builder("chronos.run.duration")
        .description("How long runs took, by job type and outcome")
        .tag("type", type)
        .tag("outcome", status.name())
        .register(registry)
        .record(duration);
  }
}
