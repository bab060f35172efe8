package io.chronos.dlq;

/** Where a dead-letter event stands. */
public enum DlqStatus {
  /** Waiting for an operator. */
  PENDING,
  /** Replayed as a fresh run. */
  REPLAYED,
  /** Discarded with a reason. */
  DISCARDED
}
