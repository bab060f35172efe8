package io.chronos.notify;

import java.util.Set;

/**
 * When a job notifies, and through which channels. A job without rules of its own uses the node's
 * default rules ({@link #defaults()}: dead letters, in-app).
 *
 * @param onFailure every failed attempt
 * @param onDeadLetter every dead-lettered run
 * @param afterConsecutiveFailures notify once when this many runs in a row have failed (0 = off)
 * @param onRecovery the first success after failures
 * @param onSuccess every success (noisy: opt-in)
 * @param channels the names of the channels to send through ({@code in-app} always exists)
 */
public record NotificationRules(
    boolean onFailure,
    boolean onDeadLetter,
    int afterConsecutiveFailures,
    boolean onRecovery,
    boolean onSuccess,
    Set<String> channels) {

  /** The name of the built-in channel that stores notifications for the job's owner. */
  public static final String IN_APP = "in-app";

  public NotificationRules {
    channels = Set.copyOf(channels);
  }

  /** Dead letters only, in-app. */
  public static NotificationRules defaults() {
    return new NotificationRules(false, true, 0, false, false, Set.of(IN_APP));
  }

  /** Nothing at all. */
  public static NotificationRules none() {
    return new NotificationRules(false, false, 0, false, false, Set.of());
  }

  public NotificationRules onFailure(boolean on) {
    return new NotificationRules(
        on, onDeadLetter, afterConsecutiveFailures, onRecovery, onSuccess, channels);
  }

  public NotificationRules onDeadLetter(boolean on) {
    return new NotificationRules(
        onFailure, on, afterConsecutiveFailures, onRecovery, onSuccess, channels);
  }

  public NotificationRules afterConsecutiveFailures(int count) {
    return new NotificationRules(onFailure, onDeadLetter, count, onRecovery, onSuccess, channels);
  }

  public NotificationRules onRecovery(boolean on) {
    return new NotificationRules(
        onFailure, onDeadLetter, afterConsecutiveFailures, on, onSuccess, channels);
  }

  public NotificationRules onSuccess(boolean on) {
    return new NotificationRules(
        onFailure, onDeadLetter, afterConsecutiveFailures, onRecovery, on, channels);
  }

  public NotificationRules channels(String... names) {
    return new NotificationRules(
        onFailure, onDeadLetter, afterConsecutiveFailures, onRecovery, onSuccess, Set.of(names));
  }

  /** True when the event is wanted (CONSECUTIVE_FAILURES: when the count is switched on). */
  public boolean wants(NotificationEvent event) {
    return switch (event) {
      case FAILURE -> onFailure;
      case DEAD_LETTER -> onDeadLetter;
      case CONSECUTIVE_FAILURES -> afterConsecutiveFailures > 0;
      case RECOVERY -> onRecovery;
      case SUCCESS -> onSuccess;
    };
  }

  /** True when rules need the job's recent history (recovery, consecutive failures). */
  public boolean needsHistory() {
    return onRecovery || afterConsecutiveFailures > 0;
  }
}
