package io.chronos.internal.engine;

import io.chronos.NotFoundException;
import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.internal.store.JobRepository;
import io.chronos.internal.store.LogRepository;
import io.chronos.internal.store.RunRepository;
import io.chronos.run.JobRun;
import io.chronos.run.RunLog;
import io.chronos.run.Runs;
import io.chronos.security.Actor;
import java.util.List;
import java.util.Optional;

/** {@link Runs}: the history, visible to the job's owner and to ADMINs. */
final class RunService implements Runs {
  private final RunRepository runs;
  private final LogRepository logs;
  private final JobRepository jobs;

  RunService(RunRepository runs, LogRepository logs, JobRepository jobs) {
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
