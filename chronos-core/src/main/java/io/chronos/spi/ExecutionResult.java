package io.chronos.spi;

import javax.annotation.Nullable;

/** The outcome an executor reports for one attempt. */
public sealed interface ExecutionResult permits ExecutionResult.Success, ExecutionResult.Failure {

  /** The attempt did its work; {@code summary} is kept with the run (at most 2000 characters). */
  record Success(@Nullable String summary) implements ExecutionResult {}

  /**
   * The attempt failed.
   *
   * @param message why, without secrets (at most 4000 characters are kept)
   * @param retryable false when retrying cannot help
   */
  record Failure(String message, boolean retryable) implements ExecutionResult {}

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
}
