package io.chronos.internal.engine;

import io.chronos.internal.json.Json;
import io.chronos.internal.secret.SecretResolution;
import io.chronos.internal.store.RunRepository.ClaimedRun;
import io.chronos.run.LogLevel;
import io.chronos.run.RunLog;
import io.chronos.secret.Secret;
import io.chronos.security.Role;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.RunLogger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/** The execution context of one claimed run: its identity, deadline, stop signal and log buffer. */
final class RunContext implements ExecutionContext, RunLogger {

  /** Why a run was stopped from outside. */
  enum StopReason {
    TIMEOUT,
    CANCELLED,
    LEASE_LOST,
    SHUTDOWN
  }

  /** Shorter secret values are not masked in text: they would mask ordinary words. */
  static final int MIN_MASKED_LENGTH = 4;

  private final ClaimedRun run;
  private final Clock clock;
  private final @Nullable Instant deadline;
  private final int batchSize;
  private final int maxLines;
  private final Consumer<List<RunLog>> flusher;
  private final SecretResolution secrets;
  private final Set<String> revealed = ConcurrentHashMap.newKeySet();
  private final List<RunLog> buffer = new ArrayList<>();
  private int written;
  private int dropped;
  private volatile @Nullable StopReason stopReason;

  RunContext(
      ClaimedRun run,
      Clock clock,
      int batchSize,
      int maxLines,
      SecretResolution secrets,
      Consumer<List<RunLog>> flusher) {
    this.run = run;
    this.secrets = secrets;
    this.clock = clock;
    this.deadline = run.timeout() == null ? null : clock.instant().plus(run.timeout());
    this.batchSize = batchSize;
    this.maxLines = maxLines;
    this.flusher = flusher;
  }

  ClaimedRun run() {
    return run;
  }

  /** Asks the run to stop; the first reason wins. Returns true if this call set it. */
  synchronized boolean stop(StopReason reason) {
    if (stopReason != null) {
      return false;
    }
    stopReason = reason;
    return true;
  }

  @Nullable
  StopReason stopReason() {
    return stopReason;
  }

  @Override
  public String runId() {
    return run.id();
  }

  @Override
  public String jobId() {
    return run.jobId();
  }

  @Override
  public String jobName() {
    return run.jobName();
  }

  @Override
  public String ownerId() {
    return run.ownerId();
  }

  @Override
  public Role ownerRole() {
    return run.ownerRole();
  }

  @Override
  public int attempt() {
    return run.attempt();
  }

  @Override
  public Instant scheduledAt() {
    return run.scheduledAt();
  }

  @Override
  public String idempotencyKey() {
    return run.idempotencyKey();
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  @Override
  public boolean isCancelled() {
    return stopReason != null;
  }

  @Override
  public String secret(Secret secret) {
    String value = secrets.resolve(secret);
    if (value.length() >= MIN_MASKED_LENGTH) {
      revealed.add(value);
    }
    return value;
  }

  /** The text with every secret value this run resolved replaced by the mask. */
  @Nullable
  String mask(@Nullable String text) {
    if (text == null || revealed.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String value : revealed) {
      masked = masked.replace(value, Json.MASK);
    }
    return masked;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public RunLogger log() {
    return this;
  }

  @Override
  public void log(LogLevel level, String message, Map<String, ?> context) {
    List<RunLog> full = null;
    synchronized (this) {
      if (written + buffer.size() >= maxLines) {
        dropped++;
        return;
      }
      Map<String, String> values = new LinkedHashMap<>();
      context.forEach((k, v) -> values.put(k, mask(String.valueOf(v))));
      buffer.add(
          new RunLog(
              Ids.next(),
              run.id(),
              level,
              message == null ? "" : mask(message),
              values,
              clock.instant()));
      if (buffer.size() >= batchSize) {
        full = drainLocked();
      }
    }
    if (full != null) {
      flusher.accept(full);
    }
  }

  /** Takes the buffered lines (and a line about dropped ones) for the closing write. */
  synchronized List<RunLog> drain() {
    if (dropped > 0) {
      buffer.add(
          new RunLog(
              Ids.next(),
              run.id(),
              LogLevel.WARN,
              dropped + " log lines dropped: a run keeps at most " + maxLines,
              Map.of(),
              clock.instant()));
      dropped = 0;
    }
    return drainLocked();
  }

  private List<RunLog> drainLocked() {
    List<RunLog> lines = List.copyOf(buffer);
    written += lines.size();
    buffer.clear();
    return lines;
  }
}
