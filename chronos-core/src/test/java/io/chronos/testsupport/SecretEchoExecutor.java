package io.chronos.testsupport;

import io.chronos.job.JobType;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import java.util.Map;

/** Resolves its secret and (carelessly) logs it, to prove the run log masks it. */
public final class SecretEchoExecutor implements JobExecutor<SecretPayload> {
  @Override
  public JobType type() {
    return SecretPayload.TYPE;
  }

  @Override
  public Class<SecretPayload> payloadType() {
    return SecretPayload.class;
  }

  @Override
  public ExecutionResult execute(SecretPayload payload, ExecutionContext context) {
    String token = context.secret(payload.token());
    context.log().info("calling with token " + token, Map.of("header", "Bearer " + token));
    return ExecutionResult.failure("server refused token " + token);
  }
}
