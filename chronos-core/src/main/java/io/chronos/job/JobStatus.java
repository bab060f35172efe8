package io.chronos.job;

/** Whether a job fires. */
public enum JobStatus {
  /** Scheduled and runnable. */
  ACTIVE,
  /** Paused by an operator: no fires, queued runs are held until resumed. */
  PAUSED,
  /** Saved with {@code enabled(false)}: no fires until enabled by an update. */
  DISABLED
}
