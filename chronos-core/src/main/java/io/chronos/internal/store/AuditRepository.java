package io.chronos.internal.store;

import io.chronos.PageRequest;
import io.chronos.audit.AuditAction;
import io.chronos.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/** {@code audit_events}: append-only; this class has no update or delete. */
public final class AuditRepository {
  private final Db db;
  private final Tables t;

  public AuditRepository(Db db) {
    this.db = db;
    this.t = db.tables();
  }

  public void append(AuditEvent event) {
    db.jdbc()
        .update(
            "INSERT INTO "
                + t.auditEvents
                + " (id, actor_id, actor_role, action, entity_type, entity_id, before_json,"
                + " after_json, node_id, occurred_at) VALUES (?, ?, ?, ?, ?, ?, "
                + db.dialect().jsonParam()
                + ", "
                + db.dialect().jsonParam()
                + ", ?, ?)",
            event.id(),
            event.actorId(),
            event.actorRole(),
            event.action().name(),
            event.entityType(),
            event.entityId(),
            event.before(),
            event.after(),
            event.nodeId(),
            db.ts(event.occurredAt()));
  }

  /** Events oldest first after the cursor, optionally of one entity; one row more than the page. */
  public List<AuditEvent> list(@Nullable String entityId, PageRequest page) {
    StringBuilder sql =
        new StringBuilder(
                "SELECT id, actor_id, actor_role, action, entity_type, entity_id, before_json,"
                    + " after_json, node_id, occurred_at FROM ")
            .append(t.auditEvents)
            .append(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (entityId != null) {
      sql.append(" AND entity_id = ?");
      args.add(entityId);
    }
    if (page.after() != null) {
      sql.append(" AND id > ?");
      args.add(page.after());
    }
    sql.append(" ORDER BY id LIMIT ").append(page.limit() + 1);
    return db.jdbc()
        .query(
            sql.toString(),
            (rs, i) ->
                new AuditEvent(
                    rs.getString("id"),
                    rs.getString("actor_id"),
                    rs.getString("actor_role"),
                    AuditAction.valueOf(rs.getString("action")),
                    rs.getString("entity_type"),
                    rs.getString("entity_id"),
                    rs.getString("before_json"),
                    rs.getString("after_json"),
                    rs.getString("node_id"),
                    db.instant(rs, "occurred_at")),
            args.toArray());
  }
}
