package io.chronos.internal.engine;

import io.chronos.NotFoundException;
import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.audit.AuditEvent;
import io.chronos.audit.AuditTrail;
import io.chronos.audit.ChainVerification;
import io.chronos.internal.store.AuditChain;
import io.chronos.internal.store.AuditRepository;
import io.chronos.internal.store.JobRepository;
import io.chronos.security.AccessDeniedException;
import io.chronos.security.Actor;
import java.util.List;

/** {@link AuditTrail}. */
final class AuditService implements AuditTrail {
  private final AuditRepository audit;
  private final JobRepository jobs;

  private final AuditChain chain;

  AuditService(AuditRepository audit, JobRepository jobs, AuditChain chain) {
    this.chain = chain;
    this.audit = audit;
    this.jobs = jobs;
  }

  @Override
  public Page<AuditEvent> forEntity(Actor actor, String entityId, PageRequest page) {
    if (!actor.isAdmin()) {
      String owner = jobs.owners(List.of(entityId)).get(entityId);
      if (owner == null || !actor.mayAccess(owner)) {
        throw new NotFoundException("No job with id " + entityId);
      }
    }
    return Pages.of(audit.list(entityId, page), page.limit(), AuditEvent::id);
  }

  @Override
  public Page<AuditEvent> all(Actor actor, PageRequest page) {
    if (!actor.isAdmin()) {
      throw new AccessDeniedException("Only an ADMIN may read the whole audit trail");
    }
    return Pages.of(audit.list(null, page), page.limit(), AuditEvent::id);
  }

  @Override
  public ChainVerification verify(Actor actor) {
    if (!actor.isAdmin()) {
      throw new AccessDeniedException("Only an ADMIN may verify the audit trail");
    }
    while (chain.sealPending() > 0) {
      // seal everything written so far before checking
    }
    return chain.verify();
  }
}
