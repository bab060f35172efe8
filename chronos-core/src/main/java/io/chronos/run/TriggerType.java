package io.chronos.run;

/** Why a run was queued. */
public enum TriggerType {
  /** A fire of the job's cron or interval schedule. */
  SCHEDULE,
  /** The one fire of a one-time job. */
  ONCE,
  /** Triggered by hand ("run now"). */
  MANUAL,
  /** A retry after a failed attempt. */
  RETRY,
  /** A new attempt after the previous one was LOST with its node. */
  RECOVERY,
  /** A replay of a dead-letter event. */
  REPLAY
}
