package io.chronos.notify;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * One thing to tell people about a job. Carries no payload and no secret.
 *
 * @param event what happened
 * @param jobId the job
 * @param jobName its name
 * @param ownerId its owner
 * @param runId the run concerned
 * @param attempt the run's attempt
 * @param status the run's status
 * @param error the run's error, if any (already masked)
 * @param consecutiveFailures how many runs in a row failed (for CONSECUTIVE_FAILURES)
 * @param nodeId the node that saw it
 * @param occurredAt when
 */
public record Notification(
    NotificationEvent event,
    String jobId,
    String jobName,
    String ownerId,
    @Nullable String runId,
    int attempt,
    @Nullable String status,
    @Nullable String error,
    int consecutiveFailures,
    String nodeId,
    Instant occurredAt) {

  /** A one-line subject, e.g. {@code [Chronos] nightly-report: DEAD_LETTER}. */
  public String subject() {
    return "[Chronos] " + jobName + ": " + event;
  }

  /** A short human text for chat and mail. */
  public String text() {
    StringBuilder text = new StringBuilder(subject());
    switch (event) {
      case CONSECUTIVE_FAILURES ->
          text.append(" (").append(consecutiveFailures).append(" in a row)");
      case RECOVERY -> text.append(" (succeeded again)");
      default -> {
        // the subject says it
      }
    }
    if (runId != null) {
      text.append(" run ").append(runId).append(" attempt ").append(attempt);
    }
    if (status != null) {
      text.append(" ").append(status);
    }
    if (error != null) {
      text.append(": ").append(error);
    }
    return text.toString();
  }
}
