package io.chronos.audit;

import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.security.Actor;

/** Reading the audit trail: ADMINs read everything; a USER reads the events of own jobs. */
public interface AuditTrail {

  /** The events of one entity, oldest first. */
  Page<AuditEvent> forEntity(Actor actor, String entityId, PageRequest page);

  /** Every event, oldest first (ADMIN only). */
  Page<AuditEvent> all(Actor actor, PageRequest page);

  /**
   * Seals the events written since the last seal into the hash chain, then recomputes the whole
   * chain and reports the first broken link (ADMIN only). Events are sealed by every node's
   * heartbeat too, so an edit of any event older than a heartbeat is detected.
   */
  ChainVerification verify(Actor actor);
}
