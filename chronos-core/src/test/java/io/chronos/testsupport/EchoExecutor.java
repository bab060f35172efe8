package io.chronos.testsupport;

import io.chronos.FieldError;
import io.chronos.job.JobType;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A custom executor for tests: logs each line and succeeds with the message. */
public final class EchoExecutor implements JobExecutor<EchoPayload> {
  private final boolean adminOnly;

  public EchoExecutor() {
    this(false);
  }

  public EchoExecutor(boolean adminOnly) {
    this.adminOnly = adminOnly;
  }

  @Override
  public JobType type() {
    return EchoPayload.TYPE;
  }

  @Override
  public Class<EchoPayload> payloadType() {
    return EchoPayload.class;
  }

  @Override
  public boolean adminOnly() {
    return adminOnly;
  }

  @Override
  public List<FieldError> validate(EchoPayload payload) {
    List<FieldError> errors = new ArrayList<>();
    if (payload.message() == null || payload.message().isBlank()) {
      errors.add(new FieldError("message", "is required"));
    }
    return errors;
  }

  @Override
  public ExecutionResult execute(EchoPayload payload, ExecutionContext context) {
    for (String line : payload.lines()) {
      context.log().info(line, Map.of("key", context.idempotencyKey()));
    }
    return ExecutionResult.success(payload.message());
  }
}
