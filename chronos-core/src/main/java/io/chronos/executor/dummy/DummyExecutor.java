package io.chronos.executor.dummy;

import io.chronos.FieldError;
import io.chronos.job.JobType;
import io.chronos.payload.DummyPayload;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs DUMMY jobs: succeeds, sleeps, fails some attempts or all, and writes log lines. */
public final class DummyExecutor implements JobExecutor<DummyPayload> {

  /** The longest sleep a DUMMY job may ask for. */
  public static final Duration MAX_SLEEP = Duration.ofHours(1);

  /** The most log lines a DUMMY run may write. */
  public static final int MAX_LOG_LINES = 10_000;

  @Override
  public JobType type() {
    return JobType.DUMMY;
  }

  @Override
  public Class<DummyPayload> payloadType() {
    return DummyPayload.class;
  }

  @Override
  public List<FieldError> validate(DummyPayload payload) {
    List<FieldError> errors = new ArrayList<>();
    if (payload.mode() == null) {
      errors.add(new FieldError("mode", "is required"));
    }
    if (payload.mode() == DummyPayload.Mode.SLEEP) {
      if (payload.sleep() == null) {
        errors.add(new FieldError("sleep", "is required in SLEEP mode"));
      } else if (payload.sleep().isNegative() || payload.sleep().compareTo(MAX_SLEEP) > 0) {
        errors.add(new FieldError("sleep", "must be between 0 and " + MAX_SLEEP));
      }
    }
    if (payload.mode() == DummyPayload.Mode.FAIL_TIMES && payload.failTimes() < 1) {
      errors.add(new FieldError("failTimes", "must be at least 1 in FAIL_TIMES mode"));
    }
    if (payload.logLines() < 0 || payload.logLines() > MAX_LOG_LINES) {
      errors.add(new FieldError("logLines", "must be between 0 and " + MAX_LOG_LINES));
    }
    if (payload.message() != null && payload.message().length() > 1000) {
      errors.add(new FieldError("message", "must be at most 1000 characters"));
    }
    return errors;
  }

  @Override
  public ExecutionResult execute(DummyPayload payload, ExecutionContext context)
      throws InterruptedException {
    for (int i = 1; i <= payload.logLines(); i++) {
      context
          .log()
          .info(
              "dummy step " + i + " of " + payload.logLines(),
              Map.of("attempt", context.attempt(), "mode", payload.mode().name()));
    }
    return switch (payload.mode()) {
      case SUCCEED -> ExecutionResult.success(summary(payload, "succeeded"));
      case SLEEP -> {
        sleep(payload.sleep(), context);
        yield ExecutionResult.success(summary(payload, "slept " + payload.sleep()));
      }
      case FAIL_TIMES ->
          context.attempt() <= payload.failTimes()
              ? ExecutionResult.failure(failure(payload) + " (attempt " + context.attempt() + ")")
              : ExecutionResult.success(
                  summary(payload, "succeeded on attempt " + context.attempt()));
      case ALWAYS_FAIL -> ExecutionResult.failure(failure(payload));
    };
  }

  private static void sleep(Duration duration, ExecutionContext context)
      throws InterruptedException {
    // Sleep in slices so a cancellation is noticed even without an interrupt.
    long remaining = duration.toMillis();
    while (remaining > 0 && !context.isCancelled()) {
      long slice = Math.min(remaining, 50);
      Thread.sleep(slice);
      remaining -= slice;
    }
    if (context.isCancelled()) {
      throw new InterruptedException("run cancelled while sleeping");
    }
  }

  private static String summary(DummyPayload payload, String fallback) {
    return payload.mode() == DummyPayload.Mode.SUCCEED && payload.message() != null
        ? payload.message()
        : fallback;
  }

  private static String failure(DummyPayload payload) {
    return payload.message() != null ? payload.message() : "dummy failure";
  }
}
