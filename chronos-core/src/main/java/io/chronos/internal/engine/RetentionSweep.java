package io.chronos.internal.engine;

import io.chronos.internal.store.RunRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the run history bounded: runs that ended longer ago than the retention are deleted with
 * their log lines, in batches, at most once a minute per node. Runs a dead-letter event refers to
 * are kept (the event needs them); audit events are never deleted.
 */
final class RetentionSweep {
  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
  private static final int BATCH = 1000;
  private static final int MAX_BATCHES = 10;
  private static final Duration EVERY = Duration.ofMinutes(1);

  private final RunRepository runs;
  private final @Nullable Duration retention;
  private final Clock clock;
  private @Nullable Instant lastSweep;

  /**
   * @param retention how long ended runs are kept, or null to keep them forever
   */
  RetentionSweep(RunRepository runs, @Nullable Duration retention, Clock clock) {
    this.runs = runs;
    this.retention = retention;
    this.clock = clock;
  }

  /** Deletes up to a few batches of expired runs; returns how many. */
  synchronized int sweep() {
    Instant now = clock.instant();
    if (retention == null || (lastSweep != null && now.isBefore(lastSweep.plus(EVERY)))) {
      return 0;
    }
    lastSweep = now;
    Instant cutoff = now.minus(retention);
    int deleted = 0;
    for (int i = 0; i < MAX_BATCHES; i++) {
      int batch = runs.deleteEndedBefore(cutoff, BATCH);
      deleted += batch;
      if (batch < BATCH) {
        break;
      }
    }
    if (deleted > 0) {
      log.info("Retention: deleted {} runs that ended before {}", deleted, cutoff);
    }
    return deleted;
  }
}
