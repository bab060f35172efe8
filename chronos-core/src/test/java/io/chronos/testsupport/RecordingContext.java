package io.chronos.testsupport;

import io.chronos.run.LogLevel;
import io.chronos.secret.Secret;
import io.chronos.security.Role;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.RunLogger;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * An {@link ExecutionContext} for calling an executor directly in a test: it records log lines,
 * resolves secrets with a given function, and can be cancelled or given a deadline.
 */
public final class RecordingContext implements ExecutionContext, RunLogger {

  /** One recorded log line. */
  public record Line(LogLevel level, String message, Map<String, Object> context) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Clock clock;
  private final Function<Secret, String> secrets;
  private volatile @Nullable Instant deadline;
  private volatile boolean cancelled;

  public RecordingContext() {
    this(Clock.systemUTC());
  }

  public RecordingContext(Clock clock) {
    this(clock, s -> s instanceof Secret.Value v ? v.value() : "resolved:" + s);
  }

  public RecordingContext(Clock clock, Function<Secret, String> secrets) {
    this.clock = clock;
    this.secrets = secrets;
  }

  /** Sets the run's deadline. */
  public RecordingContext deadline(Instant at) {
    this.deadline = at;
    return this;
  }

  /** Marks the run cancelled, as the engine does before interrupting the worker. */
  public void cancel() {
    cancelled = true;
  }

  /** The lines logged so far. */
  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The messages logged so far at the given level. */
  public List<String> messages(LogLevel level) {
    return lines.stream().filter(l -> l.level() == level).map(Line::message).toList();
  }

  @Override
  public String runId() {
    return "run-1";
  }

  @Override
  public String jobId() {
    return "job-1";
  }

  @Override
  public String jobName() {
    return "test-job";
  }

  @Override
  public String ownerId() {
    return "owner-1";
  }

  @Override
  public Role ownerRole() {
    return Role.ADMIN;
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public Instant scheduledAt() {
    return Instant.EPOCH;
  }

  @Override
  public String idempotencyKey() {
    return "key-1";
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public String secret(Secret secret) {
    return secrets.apply(secret);
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
    lines.add(new Line(level, message, Map.copyOf(new HashMap<String, Object>(context))));
  }
}
