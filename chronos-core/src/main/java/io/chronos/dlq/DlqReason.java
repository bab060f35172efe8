package io.chronos.dlq;

/** Why a run was dead-lettered. */
public enum DlqReason {
  /** Every attempt the retry policy allows failed. */
  RETRIES_EXHAUSTED,
  /** The failure was not retryable (by the executor's word or the policy's abort rules). */
  NON_RETRYABLE,
  /** The last attempt timed out and no attempt was left. */
  TIMED_OUT,
  /** The last attempt was lost with its node and no attempt was left. */
  LOST
}
