package io.chronos.notify;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * One in-app notification in a user's inbox.
 *
 * @param id ULID
 * @param userId the recipient (the job's owner)
 * @param jobId the job, if it still exists
 * @param runId the run, if it still exists
 * @param event what happened
 * @param subject one line
 * @param body the text
 * @param readAt when the user marked it read, null while unread
 * @param createdAt when it was delivered
 */
public record InboxItem(
    String id,
    String userId,
    @Nullable String jobId,
    @Nullable String runId,
    NotificationEvent event,
    String subject,
    @Nullable String body,
    @Nullable Instant readAt,
    Instant createdAt) {

  /** True until the user marks it read. */
  public boolean unread() {
    return readAt == null;
  }
}
