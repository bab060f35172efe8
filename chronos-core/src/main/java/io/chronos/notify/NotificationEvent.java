package io.chronos.notify;

/** What happened to a job, for its notification rules. */
public enum NotificationEvent {
  /** An attempt failed, timed out or was lost. */
  FAILURE,
  /** A run was dead-lettered. */
  DEAD_LETTER,
  /** The job failed N times in a row (sent once, when the count reaches N). */
  CONSECUTIVE_FAILURES,
  /** A run succeeded after one or more failures. */
  RECOVERY,
  /** A run succeeded (opt-in). */
  SUCCESS
}
