package io.chronos.schedule;

import java.util.Objects;

/**
 * What a recurring (cron or interval) job does about fires it missed: all nodes were down, or the
 * cluster was behind by more than the node's {@code misfireThreshold}. The job then continues with
 * its first fire time after now; before that, its policy queues
 *
 * <ul>
 *   <li>{@link #fireOnce()} (the default): one run, for the latest missed fire time;
 *   <li>{@link #skip()}: no run;
 *   <li>{@link #fireAll(int)}: one run per missed fire time, at most {@code cap} of them (the
 *       newest).
 * </ul>
 *
 * A catch-up run is an ordinary scheduled run: its {@code scheduledAt} is the missed fire time, and
 * it is due at once. A paused job does not catch up the fires of its pause.
 *
 * @param policy which of the three
 * @param cap the most runs the policy queues for one misfire: 1 for FIRE_ONCE, 0 for SKIP, 1 to
 *     {@value #MAX_CAP} for FIRE_ALL (checked when the job is saved)
 */
public record Misfire(Policy policy, int cap) {

  /** The most catch-up runs {@link #fireAll(int)} may queue for one misfire. */
  public static final int MAX_CAP = 1000;

  private static final Misfire FIRE_ONCE = new Misfire(Policy.FIRE_ONCE, 1);
  private static final Misfire SKIP = new Misfire(Policy.SKIP, 0);

  /** The three misfire policies, as stored in {@code job_schedules.misfire_policy}. */
  public enum Policy {
    /** One run for the latest missed fire time. */
    FIRE_ONCE,
    /** No run: the missed fire times are dropped. */
    SKIP,
    /** One run per missed fire time, the newest {@code cap} of them. */
    FIRE_ALL
  }

  /** The cap of FIRE_ONCE and SKIP is implied by the policy; any other value is replaced. */
  public Misfire {
    Objects.requireNonNull(policy, "policy");
    if (policy == Policy.FIRE_ONCE) {
      cap = 1;
    } else if (policy == Policy.SKIP) {
      cap = 0;
    }
  }

  /** One run for the latest missed fire time (the default). */
  public static Misfire fireOnce() {
    return FIRE_ONCE;
  }

  /** No run for missed fire times. */
  public static Misfire skip() {
    return SKIP;
  }

  /**
   * One run per missed fire time, the newest {@code cap} of them ({@code cap} 1 to {@value
   * #MAX_CAP}, checked when the job is saved).
   */
  public static Misfire fireAll(int cap) {
    return new Misfire(Policy.FIRE_ALL, cap);
  }

  /** {@code FIRE_ONCE}, {@code SKIP} or {@code FIRE_ALL(cap)}. */
  @Override
  public String toString() {
    return policy == Policy.FIRE_ALL ? "FIRE_ALL(" + cap + ")" : policy.name();
  }
}
