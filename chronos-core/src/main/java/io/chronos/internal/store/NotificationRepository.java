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

  /** A user's in-app notifications, newest first; one row more than the page. */
  public java.util.List<io.chronos.notify.InboxItem> inbox(
      String userId, boolean unreadOnly, io.chronos.PageRequest page) {
    java.util.List<Object> args = new java.util.ArrayList<>();
    args.add(userId);
    StringBuilder sql =
        new StringBuilder(
                "SELECT id, user_id, job_id, run_id, event_type, subject, body, read_at,"
                    + " created_at FROM ")
            .append(t.notifications)
            .append(" WHERE user_id = ? AND channel = 'IN_APP'");
    if (unreadOnly) {
      sql.append(" AND read_at IS NULL");
    }
    if (page.after() != null) {
      sql.append(" AND id < ?");
      args.add(page.after());
    }
    sql.append(" ORDER BY id DESC LIMIT ").append(page.limit() + 1);
    return db.jdbc().query(sql.toString(), (rs, i) -> item(rs), args.toArray());
  }

  public java.util.Optional<io.chronos.notify.InboxItem> find(String id) {
    return db
        .jdbc()
        .query(
            "SELECT id, user_id, job_id, run_id, event_type, subject, body, read_at, created_at"
                + " FROM "
                + t.notifications
                + " WHERE id = ? AND channel = 'IN_APP'",
            (rs, i) -> item(rs),
            id)
        .stream()
        .findFirst();
  }

  public long unreadCount(String userId) {
    Long n =
        db.jdbc()
            .queryForObject(
                "SELECT COUNT(*) FROM "
                    + t.notifications
                    + " WHERE user_id = ? AND channel = 'IN_APP' AND read_at IS NULL",
                Long.class,
                userId);
    return n == null ? 0 : n;
  }

  public void markRead(String id, Instant now) {
    db.jdbc()
        .update(
            "UPDATE " + t.notifications + " SET read_at = ? WHERE id = ? AND read_at IS NULL",
            db.ts(now),
            id);
  }

  private io.chronos.notify.InboxItem item(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new io.chronos.notify.InboxItem(
        rs.getString("id"),
        rs.getString("user_id"),
        rs.getString("job_id"),
        rs.getString("run_id"),
        io.chronos.notify.NotificationEvent.valueOf(rs.getString("event_type")),
        rs.getString("subject"),
        rs.getString("body"),
        db.instant(rs, "read_at"),
        db.instant(rs, "created_at"));
  }
}
