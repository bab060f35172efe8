package io.chronos.audit;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * One append-only audit record: who did what to which entity, with the state before and after as
 * JSON (secrets masked).
 *
 * @param id ULID, in write order
 * @param actorId the acting user (the system user for system actions)
 * @param actorRole USER, ADMIN or SYSTEM
 * @param action what was done
 * @param entityType JOB, RUN, USER or DLQ_EVENT
 * @param entityId the entity's id
 * @param before JSON of the state before, null for a creation
 * @param after JSON of the state after, null for a deletion
 * @param nodeId the node that wrote it
 * @param occurredAt when
 */
public record AuditEvent(
    String id,
    String actorId,
    String actorRole,
    AuditAction action,
    String entityType,
    String entityId,
    @Nullable String before,
    @Nullable String after,
    String nodeId,
    Instant occurredAt) {}
