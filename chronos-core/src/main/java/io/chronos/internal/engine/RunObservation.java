package io.chronos.internal.engine;

import io.chronos.internal.store.RunRepository.ClaimedRun;
import io.chronos.run.RunStatus;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import javax.annotation.Nullable;

/**
 * One Micrometer {@link Observation} per executed run, named {@code chronos.run}, so a host with
 * tracing (or any observation handler) sees each run as a span. Low-cardinality key values: {@code
 * chronos.job.type} and {@code chronos.outcome}; high-cardinality: {@code chronos.job.id}, {@code
 * chronos.run.id} and {@code chronos.attempt}. Without a registry nothing is observed.
 */
final class RunObservation {
  static final String NAME = "chronos.run";
  static final String JOB_TYPE = "chronos.job.type";
  static final String OUTCOME = "chronos.outcome";
  static final String JOB_ID = "chronos.job.id";
  static final String RUN_ID = "chronos.run.id";
  static final String ATTEMPT = "chronos.attempt";

  private final @Nullable ObservationRegistry registry;

  RunObservation(@Nullable ObservationRegistry registry) {
    this.registry = registry;
  }

  /** Starts the observation of a run about to be executed (a no-op one without a registry). */
  Observation start(ClaimedRun run) {
    if (registry == null) {
      return Observation.NOOP;
    }
    return Observation.createNotStarted(NAME, registry)
        .lowCardinalityKeyValue(JOB_TYPE, run.payload().type().name())
        .highCardinalityKeyValue(JOB_ID, run.jobId())
        .highCardinalityKeyValue(RUN_ID, run.id())
        .highCardinalityKeyValue(ATTEMPT, String.valueOf(run.attempt()))
        .start();
  }

  /**
   * Stops it with the run's outcome; a FAILED or TIMED_OUT run records its error as a {@link
   * RunFailure} carrying the run's (masked) error message, never the executor's exception itself,
   * whose message or stack may hold a secret.
   */
  static void stop(Observation observation, RunStatus status, @Nullable String maskedError) {
    observation.lowCardinalityKeyValue(OUTCOME, status.name());
    if (status == RunStatus.FAILED || status == RunStatus.TIMED_OUT) {
      observation.error(new RunFailure(status + ": " + maskedError));
    }
    observation.stop();
  }

  /** The error of a failed or timed-out run, without a stack trace. */
  static final class RunFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunFailure(String message) {
      super(message, null, false, false);
    }
  }
}
