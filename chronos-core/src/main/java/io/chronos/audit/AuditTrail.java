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
}
