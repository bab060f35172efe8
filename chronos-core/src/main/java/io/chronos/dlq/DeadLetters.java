package io.chronos.dlq;

import io.chronos.Page;
import io.chronos.run.JobRun;
import io.chronos.security.Actor;
import java.util.Optional;

/**
 * The dead-letter queue: list, inspect, replay, discard. Owners see their jobs' events; ADMINs all.
 */
public interface DeadLetters {

  /** Events matching the query, newest first. */
  Page<DlqEvent> list(Actor actor, DlqQuery query);

  /** One event. */
  Optional<DlqEvent> get(Actor actor, String eventId);

  /**
   * Queues a fresh run (attempt 1, trigger REPLAY) of the job's current definition and marks the
   * event REPLAYED with who did it and the new run. A resolved event cannot be replayed again.
   */
  JobRun replay(Actor actor, String eventId);

  /** Marks a pending event DISCARDED with a reason (1 to 1000 characters). */
  DlqEvent discard(Actor actor, String eventId, String reason);

  /** How many events are PENDING (the DLQ depth), across all jobs. */
  long depth();
}
