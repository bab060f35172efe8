package io.chronos.internal.engine;

import io.chronos.ConflictException;
import io.chronos.NotFoundException;
import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.audit.AuditAction;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.JobRepository;
import io.chronos.internal.store.LogRepository;
import io.chronos.internal.store.RunRepository;
import io.chronos.run.JobRun;
import io.chronos.run.RunLog;
import io.chronos.run.RunStatus;
import io.chronos.run.Runs;
import io.chronos.security.Actor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Runs}: the history, visible to the job's owner and to ADMINs. */
final class RunService implements Runs {
  private final RunRepository runs;
  private final LogRepository logs;
  private final JobRepository jobs;
  private final Db db;
  private final Auditor auditor;
  private final Consumer<String> localStop;

  RunService(
      Db db,
      RunRepository runs,
      LogRepository logs,
      JobRepository jobs,
      Auditor auditor,
      Consumer<String> localStop) {
    this.db = db;
    this.auditor = auditor;
    this.localStop = localStop;
    this.runs = runs;
    this.logs = logs;
    this.jobs = jobs;
  }

  @Override
  public Optional<JobRun> get(Actor actor, String runId) {
    return runs.find(runId).filter(run -> mayRead(actor, run.jobId()));
  }

  @Override
  public Page<JobRun> forJob(Actor actor, String jobId, PageRequest page) {
    if (!mayRead(actor, jobId)) {
      throw new NotFoundException("No job with id " + jobId);
    }
    return Pages.of(runs.forJob(jobId, page), page.limit(), JobRun::id);
  }

  @Override
  public JobRun cancel(Actor actor, String runId) {
    return db.inTransaction(
        () -> {
          JobRun run =
              get(actor, runId).orElseThrow(() -> new NotFoundException("No run with id " + runId));
          RunStatus status =
              runs.lockStatus(runId)
                  .orElseThrow(() -> new NotFoundException("No run with id " + runId));
          if (status.isTerminal()) {
            throw new ConflictException("Run " + runId + " already ended " + status);
          }
          boolean done =
              status == RunStatus.RUNNING
                  ? runs.requestCancel(runId)
                  : runs.cancelWaiting(runId, "cancelled by " + actor.userId(), db.now());
          if (done && status == RunStatus.RUNNING) {
            Db.afterCommit(() -> localStop.accept(runId));
          }
          auditor.record(
              actor,
              AuditAction.CANCEL,
              "RUN",
              runId,
              Map.of("status", status.name(), "jobId", run.jobId()),
              Map.of(
                  "status",
                  status == RunStatus.RUNNING ? "CANCEL_REQUESTED" : RunStatus.CANCELLED.name()));
          return runs.find(runId).orElseThrow();
        });
  }

  @Override
  public Page<RunLog> logs(Actor actor, String runId, PageRequest page) {
    get(actor, runId).orElseThrow(() -> new NotFoundException("No run with id " + runId));
    List<RunLog> rows = logs.forRun(runId, page);
    return Pages.of(rows, page.limit(), RunLog::id);
  }

  private boolean mayRead(Actor actor, String jobId) {
    if (actor.isAdmin()) {
      return true;
    }
    String owner = jobs.owners(List.of(jobId)).get(jobId);
    return owner != null && actor.mayAccess(owner);
  }
}
