package io.chronos.testsupport;

import io.chronos.run.LogLevel;
import io.chronos.secret.Secret;
import io.chronos.secret.SecretException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;

/**
 * A hand-made {@link ExecutionContext} to call an executor directly. Unlike the engine's context it
 * does not mask resolved secrets in log lines: what it records is what the executor wrote.
 */
public final class StubExecutionContext implements ExecutionContext, RunLogger {

  /** One line as the executor wrote it. */
  public record Line(LogLevel level, String message, Map<String, String> context) {
    /** The message and the context values in one text, to search. */
    public String text() {
      return level + " " + message + " " + context;
    }
  }

  private final Role role;
  private final int attempt;
  private final String idempotencyKey;
  private final Map<String, String> references = new HashMap<>();
  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private @Nullable Instant deadline;
  private Clock clock = Clock.systemUTC();

  public StubExecutionContext(Role role) {
    this(role, 1, "job-1:fire-1");
  }

  public StubExecutionContext(Role role, int attempt, String idempotencyKey) {
    this.role = role;
    this.attempt = attempt;
    this.idempotencyKey = idempotencyKey;
  }

  /** Resolves {@code Secret.ref(name)} to {@code value}. */
  public StubExecutionContext reference(String name, String value) {
    references.put(name, value);
    return this;
  }

  public StubExecutionContext deadline(Instant deadline) {
    this.deadline = deadline;
    return this;
  }

  public StubExecutionContext clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public void cancel() {
    cancelled.set(true);
  }

  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** Every line's message and context in one text. */
  public String allText() {
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l.text()).append('\n'));
    return text.toString();
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
    return "stub job";
  }

  @Override
  public String ownerId() {
    return "owner-1";
  }

  @Override
  public Role ownerRole() {
    return role;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public Instant scheduledAt() {
    return Instant.EPOCH;
  }

  @Override
  public String idempotencyKey() {
    return idempotencyKey;
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public String secret(Secret secret) {
    if (secret instanceof Secret.Value value) {
      return value.value();
    }
    String name = ((Secret.Ref) secret).name();
    String value = references.get(name);
    if (value == null) {
      throw new SecretException("unknown secret reference " + name);
    }
    return value;
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
    Map<String, String> values = new HashMap<>();
    context.forEach((k, v) -> values.put(k, String.valueOf(v)));
    lines.add(new Line(level, message, values));
  }
}
