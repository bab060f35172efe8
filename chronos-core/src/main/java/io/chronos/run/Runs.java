package io.chronos.run;

import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.security.Actor;
import java.util.Optional;

/** Run history and run logs, visible to the job's owner and to ADMINs. */
public interface Runs {

  /** A run by id, empty when it does not exist or the actor may not see its job. */
  Optional<JobRun> get(Actor actor, String runId);

  /** A job's runs, newest first. */
  Page<JobRun> forJob(Actor actor, String jobId, PageRequest page);

  /** A run's log lines in the order they were written. */
  Page<RunLog> logs(Actor actor, String runId, PageRequest page);
}
