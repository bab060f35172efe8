package io.chronos.internal.engine;

import io.chronos.audit.AuditAction;
import io.chronos.audit.AuditEvent;
import io.chronos.internal.json.Json;
import io.chronos.internal.store.AuditRepository;
import io.chronos.security.Actor;
import java.time.Clock;
import javax.annotation.Nullable;

/** Writes audit events, in the caller's transaction, with snapshots already masked. */
final class Auditor {
  private final AuditRepository repository;
  private final String nodeId;
  private final Clock clock;

  Auditor(AuditRepository repository, String nodeId, Clock clock) {
    this.repository = repository;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  void record(
      Actor actor,
      AuditAction action,
      String entityType,
      String entityId,
      @Nullable Object before,
      @Nullable Object after) {
    repository.append(
        new AuditEvent(
            Ids.next(),
            actor.userId(),
            actor.auditRole(),
            action,
            entityType,
            entityId,
            before == null ? null : Json.write(Json.mask(before)),
            after == null ? null : Json.write(Json.mask(after)),
            nodeId,
            clock.instant()));
  }
}
