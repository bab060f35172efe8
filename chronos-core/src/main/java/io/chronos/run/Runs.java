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

  /**
   * Cancels a run. A QUEUED or HELD run ends CANCELLED at once; for a RUNNING run the request is
   * stored and the node executing it interrupts the worker within one heartbeat, and the run ends
   * CANCELLED. A cancelled run is neither retried nor dead-lettered. Returns the run as it is now;
   * a run that already ended is refused with a {@link io.chronos.ConflictException}.
   */
  JobRun cancel(Actor actor, String runId);

  /** A run's log lines in the order they were written. */
  Page<RunLog> logs(Actor actor, String runId, PageRequest page);
}
