package io.chronos.internal.store;

import io.chronos.dlq.DlqEvent;
import io.chronos.dlq.DlqQuery;
import io.chronos.dlq.DlqReason;
import io.chronos.dlq.DlqStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/** {@code dlq_events}. */
public final class DlqRepository {
  private final Db db;
  private final Tables t;
  private final String select;

  public DlqRepository(Db db) {
    this.db = db;
    this.t = db.tables();
    this.select =
        "SELECT d.id, d.job_id, j.name AS job_name, j.owner_id, d.run_id, d.reason, d.error,"
            + " d.attempts, d.payload_snapshot, d.status, d.replayed_by, d.replay_run_id,"
            + " d.discarded_by, d.discard_reason, d.resolved_at, d.created_at FROM "
            + t.dlqEvents
            + " d JOIN "
            + t.jobs
            + " j ON j.id = d.job_id";
  }

  public void insert(
      String id,
      String jobId,
      String runId,
      DlqReason reason,
      @Nullable String error,
      int attempts,
      @Nullable String payloadSnapshot,
      Instant now) {
    db.jdbc()
        .update(
            "INSERT INTO "
                + t.dlqEvents
                + " (id, job_id, run_id, reason, error, attempts, payload_snapshot, status,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, "
                + db.dialect().jsonParam()
                + ", 'PENDING', ?)",
            id,
            jobId,
            runId,
            reason.name(),
            RunRepository.truncate(error, 4000),
            attempts,
            payloadSnapshot,
            db.ts(now));
  }

  public Optional<DlqEvent> find(String id) {
    return db.jdbc().query(select + " WHERE d.id = ?", (rs, i) -> map(rs), id).stream().findFirst();
  }

  /** Locks a pending event; empty when it is not pending any more. */
  public boolean lockPending(String id) {
    return !db.jdbc()
        .queryForList(
            "SELECT id FROM " + t.dlqEvents + " WHERE id = ? AND status = 'PENDING' FOR UPDATE",
            String.class,
            id)
        .isEmpty();
  }

  public void markReplayed(String id, String actorId, String runId, Instant now) {
    db.jdbc()
        .update(
            "UPDATE "
                + t.dlqEvents
                + " SET status = 'REPLAYED', replayed_by = ?, replay_run_id = ?, resolved_at = ?"
                + " WHERE id = ? AND status = 'PENDING'",
            actorId,
            runId,
            db.ts(now),
            id);
  }

  public void markDiscarded(String id, String actorId, String reason, Instant now) {
    db.jdbc()
        .update(
            "UPDATE "
                + t.dlqEvents
                + " SET status = 'DISCARDED', discarded_by = ?, discard_reason = ?, resolved_at = ?"
                + " WHERE id = ? AND status = 'PENDING'",
            actorId,
            reason,
            db.ts(now),
            id);
  }

  /** Newest first; one row more than the page. */
  public List<DlqEvent> list(DlqQuery query) {
    StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (query.jobId() != null) {
      sql.append(" AND d.job_id = ?");
      args.add(query.jobId());
    }
    if (query.ownerId() != null) {
      sql.append(" AND j.owner_id = ?");
      args.add(query.ownerId());
    }
    if (query.status() != null) {
      sql.append(" AND d.status = ?");
      args.add(query.status().name());
    }
    if (query.from() != null) {
      sql.append(" AND d.created_at >= ?");
      args.add(db.ts(query.from()));
    }
    if (query.to() != null) {
      sql.append(" AND d.created_at < ?");
      args.add(db.ts(query.to()));
    }
    if (query.page().after() != null) {
      sql.append(" AND d.id < ?");
      args.add(query.page().after());
    }
    sql.append(" ORDER BY d.id DESC LIMIT ").append(query.page().limit() + 1);
    return db.jdbc().query(sql.toString(), (rs, i) -> map(rs), args.toArray());
  }

  public long pendingCount() {
    Long n =
        db.jdbc()
            .queryForObject(
                "SELECT COUNT(*) FROM " + t.dlqEvents + " WHERE status = 'PENDING'", Long.class);
    return n == null ? 0 : n;
  }

  private DlqEvent map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new DlqEvent(
        rs.getString("id"),
        rs.getString("job_id"),
        rs.getString("job_name"),
        rs.getString("owner_id"),
        rs.getString("run_id"),
        DlqReason.valueOf(rs.getString("reason")),
        rs.getString("error"),
        rs.getInt("attempts"),
        rs.getString("payload_snapshot"),
        DlqStatus.valueOf(rs.getString("status")),
        rs.getString("replayed_by"),
        rs.getString("replay_run_id"),
        rs.getString("discarded_by"),
        rs.getString("discard_reason"),
        db.instant(rs, "resolved_at"),
        db.instant(rs, "created_at"));
  }
}
