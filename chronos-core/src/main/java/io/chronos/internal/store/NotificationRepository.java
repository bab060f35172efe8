package io.chronos.internal.store;

import io.chronos.internal.engine.Ids;
import java.time.Instant;
import javax.annotation.Nullable;

/** {@code notifications}: the in-app channel writes here. */
public final class NotificationRepository {
  private final Db db;
  private final Tables t;

  public NotificationRepository(Db db) {
    this.db = db;
    this.t = db.tables();
  }

  /** An in-app notification for a user, delivered by being stored. */
  public void inApp(
      String userId,
      @Nullable String jobId,
      @Nullable String runId,
      String eventType,
      String subject,
      @Nullable String body,
      Instant now) {
    db.jdbc()
        .update(
            "INSERT INTO "
                + t.notifications
                + " (id, user_id, job_id, run_id, channel, event_type, subject, body, status,"
                + " created_at) VALUES (?, ?, ?, ?, 'IN_APP', ?, ?, ?, 'SENT', ?)",
            Ids.next(),
            userId,
            jobId,
            runId,
            eventType,
            RunRepository.truncate(subject, 500),
            RunRepository.truncate(body, 4000),
            db.ts(now));
  }
}
