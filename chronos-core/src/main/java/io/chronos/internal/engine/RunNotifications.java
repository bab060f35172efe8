package io.chronos.internal.engine;

import io.chronos.internal.notify.Notifier;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.RunRepository;
import io.chronos.notify.Notification;
import io.chronos.notify.NotificationEvent;
import io.chronos.notify.NotificationRules;
import io.chronos.run.RunStatus;
import java.time.Clock;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Turns run outcomes into notification events by the job's rules (or the node's defaults), inside
 * the transaction that closes the run, and hands them to the notifier once it commits. The job's
 * history is read only when its rules ask for recovery or consecutive-failure events.
 */
final class RunNotifications {
  private final Notifier notifier;
  private final NotificationRules defaults;
  private final RunRepository runs;
  private final String nodeId;
  private final Clock clock;

  RunNotifications(
      Notifier notifier,
      NotificationRules defaults,
      RunRepository runs,
      String nodeId,
      Clock clock) {
    this.notifier = notifier;
    this.defaults = defaults;
    this.runs = runs;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  /** The facts of one ended attempt. */
  record Ended(
      String runId,
      String jobId,
      String jobName,
      String ownerId,
      int attempt,
      RunStatus status,
      @Nullable String error,
      @Nullable NotificationRules jobRules) {}

  /** A run ended (it was closed in the current transaction). */
  void ended(Ended run) {
    NotificationRules rules = run.jobRules() != null ? run.jobRules() : defaults;
    boolean success = run.status() == RunStatus.SUCCEEDED;
    if (success && rules.onSuccess()) {
      publish(run, NotificationEvent.SUCCESS, 0, rules);
    }
    if (!success && rules.onFailure()) {
      publish(run, NotificationEvent.FAILURE, 0, rules);
    }
    if (!rules.needsHistory()) {
      return;
    }
    int threshold = rules.afterConsecutiveFailures();
    List<RunStatus> recent = runs.recentOutcomes(run.jobId(), Math.max(threshold, 1) + 1);
    if (success
        && rules.onRecovery()
        && recent.size() > 1
        && recent.get(1) != RunStatus.SUCCEEDED) {
      publish(run, NotificationEvent.RECOVERY, 0, rules);
    }
    if (!success && threshold > 0) {
      int streak = 0;
      while (streak < recent.size() && recent.get(streak) != RunStatus.SUCCEEDED) {
        streak++;
      }
      if (streak == threshold) {
        publish(run, NotificationEvent.CONSECUTIVE_FAILURES, streak, rules);
      }
    }
  }

  /** A run was dead-lettered (in the current transaction). */
  void deadLettered(Ended run) {
    NotificationRules rules = run.jobRules() != null ? run.jobRules() : defaults;
    publish(run, NotificationEvent.DEAD_LETTER, 0, rules);
  }

  private void publish(Ended run, NotificationEvent event, int streak, NotificationRules rules) {
    Notification notification =
        new Notification(
            event,
            run.jobId(),
            run.jobName(),
            run.ownerId(),
            run.runId(),
            run.attempt(),
            run.status().name(),
            run.error(),
            streak,
            nodeId,
            clock.instant());
    Db.afterCommit(() -> notifier.publish(notification, rules));
  }
}
