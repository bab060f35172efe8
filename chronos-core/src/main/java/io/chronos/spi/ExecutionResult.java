package io.chronos.spi;

import io.chronos.retry.FailureCategory;
import java.time.Duration;
import javax.annotation.Nullable;

/** The outcome an executor reports for one attempt. */
public sealed interface ExecutionResult permits ExecutionResult.Success, ExecutionResult.Failure {

  /** The attempt did its work; {@code summary} is kept with the run (at most 2000 characters). */
  record Success(@Nullable String summary) implements ExecutionResult {}

  /**
   * The attempt failed.
   *
   * @param message why, without secrets (at most 4000 characters are kept)
   * @param retryable false when retrying cannot help (the run is dead-lettered at once)
   * @param category what kind of failure, for the retry policy's retry-on and abort-on rules
   * @param retryAfter the earliest retry the other side asked for (HTTP Retry-After), or null
   */
  record Failure(
      String message, boolean retryable, FailureCategory category, @Nullable Duration retryAfter)
      implements ExecutionResult {
    public Failure {
      java.util.Objects.requireNonNull(message, "message");
      java.util.Objects.requireNonNull(category, "category");
    }

    /** A failure of category OTHER. */
    public Failure(String message, boolean retryable) {
      this(message, retryable, FailureCategory.OTHER, null);
    }
  }

  static ExecutionResult success() {
    return new Success(null);
  }

  static ExecutionResult success(String summary) {
    return new Success(summary);
  }

  /** A failure the retry policy may retry. */
  static ExecutionResult failure(String message) {
    return new Failure(message, true);
  }

  /** A failure that is not retried. */
  static ExecutionResult nonRetryable(String message) {
    return new Failure(message, false);
  }

  /** A retryable failure of the given category. */
  static ExecutionResult failure(String message, FailureCategory category) {
    return new Failure(message, true, category, null);
  }

  /** A retryable failure whose other side asked to be retried no sooner than {@code retryAfter}. */
  static ExecutionResult failure(String message, FailureCategory category, Duration retryAfter) {
    return new Failure(message, true, category, retryAfter);
  }

  /** A failure of the given category that is not retried. */
  static ExecutionResult nonRetryable(String message, FailureCategory category) {
    return new Failure(message, false, category, null);
  }
}
