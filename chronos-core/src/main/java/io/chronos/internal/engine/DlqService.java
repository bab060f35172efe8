package io.chronos.internal.engine;

import io.chronos.ConflictException;
import io.chronos.FieldError;
import io.chronos.NotFoundException;
import io.chronos.Page;
import io.chronos.ValidationException;
import io.chronos.audit.AuditAction;
import io.chronos.dlq.DeadLetters;
import io.chronos.dlq.DlqEvent;
import io.chronos.dlq.DlqQuery;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.DlqRepository;
import io.chronos.internal.store.JobRepository;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.RunRepository.NewRun;
import io.chronos.job.Job;
import io.chronos.job.JobStatus;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import io.chronos.security.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DeadLetters}. */
final class DlqService implements DeadLetters {
  private final Db db;
  private final DlqRepository dlq;
  private final JobRepository jobs;
  private final RunRepository runs;
  private final Auditor auditor;
  private final Runnable queueChanged;

  DlqService(
      Db db,
      DlqRepository dlq,
      JobRepository jobs,
      RunRepository runs,
      Auditor auditor,
      Runnable queueChanged) {
    this.db = db;
    this.dlq = dlq;
    this.jobs = jobs;
    this.runs = runs;
    this.auditor = auditor;
    this.queueChanged = queueChanged;
  }

  @Override
  public Page<DlqEvent> list(Actor actor, DlqQuery query) {
    DlqQuery effective = actor.isAdmin() ? query : query.owner(actor.userId());
    return Pages.of(dlq.list(effective), effective.page().limit(), DlqEvent::id);
  }

  @Override
  public Optional<DlqEvent> get(Actor actor, String eventId) {
    return dlq.find(eventId).filter(e -> actor.mayAccess(e.ownerId()));
  }

  @Override
  public JobRun replay(Actor actor, String eventId) {
    return db.inTransaction(
        () -> {
          DlqEvent event = pending(actor, eventId);
          Job job =
              jobs.find(event.jobId())
                  .orElseThrow(() -> new NotFoundException("No job with id " + event.jobId()));
          if (job.status() == JobStatus.DISABLED) {
            throw new ConflictException("Job " + job.id() + " is disabled; enable it to replay");
          }
          Instant now = db.now();
          String runId = Ids.next();
          runs.enqueue(
              new NewRun(
                  runId,
                  job.id(),
                  1,
                  "R" + eventId,
                  TriggerType.REPLAY,
                  now,
                  now,
                  job.status() == JobStatus.PAUSED ? RunStatus.HELD : RunStatus.QUEUED,
                  event.runId(),
                  null));
          dlq.markReplayed(eventId, actor.userId(), runId, now);
          auditor.record(
              actor,
              AuditAction.REPLAY,
              "DLQ_EVENT",
              eventId,
              Map.of("status", "PENDING"),
              Map.of("status", "REPLAYED", "runId", runId, "jobId", job.id()));
          Db.afterCommit(queueChanged);
          return runs.find(runId).orElseThrow();
        });
  }

  @Override
  public DlqEvent discard(Actor actor, String eventId, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw new ValidationException(
          List.of(new FieldError("reason", "is required, 1 to 1000 characters")));
    }
    return db.inTransaction(
        () -> {
          pending(actor, eventId);
          dlq.markDiscarded(eventId, actor.userId(), reason, db.now());
          auditor.record(
              actor,
              AuditAction.DISCARD,
              "DLQ_EVENT",
              eventId,
              Map.of("status", "PENDING"),
              Map.of("status", "DISCARDED", "reason", reason));
          return dlq.find(eventId).orElseThrow();
        });
  }

  @Override
  public long depth() {
    return dlq.pendingCount();
  }

  private DlqEvent pending(Actor actor, String eventId) {
    DlqEvent event =
        dlq.find(eventId)
            .filter(e -> actor.mayAccess(e.ownerId()))
            .orElseThrow(() -> new NotFoundException("No dead-letter event with id " + eventId));
    if (!dlq.lockPending(eventId)) {
      throw new ConflictException(
          "Dead-letter event " + eventId + " was already " + event.status().name().toLowerCase());
    }
    return event;
  }
}
