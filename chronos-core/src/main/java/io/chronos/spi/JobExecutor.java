package io.chronos.spi;

import io.chronos.FieldError;
import io.chronos.job.JobType;
import io.chronos.payload.JobPayload;
import java.util.List;

/**
 * Runs the jobs of one type. Chronos finds executors through {@link java.util.ServiceLoader} (list
 * the class in {@code META-INF/services/io.chronos.spi.JobExecutor}), as Spring beans with the
 * starter, or registered by hand on the builder. One instance serves every run of its type
 * concurrently, so it must be thread-safe.
 *
 * @param <P> the payload type this executor runs
 */
public interface JobExecutor<P extends JobPayload> {

  /** The job type this executor runs. */
  JobType type();

  /** The payload class of that type. */
  Class<P> payloadType();

  /**
   * Checks a payload before a job is saved. Return every problem; field names are relative to the
   * payload (e.g. {@code url}) and reported as {@code payload.url}. Nothing is stored when a
   * problem is returned.
   */
  default List<FieldError> validate(P payload) {
    return List.of();
  }

  /**
   * True when only ADMINs may create or change jobs of this type (for powerful types such as
   * scripts, SQL and file-system operations). A USER's attempt is refused and audited.
   */
  default boolean adminOnly() {
    return false;
  }

  /**
   * Runs one attempt. Return a result, or throw: an exception is a retryable failure, unless it is
   * a {@link NonRetryableException}. Honour {@link ExecutionContext#isCancelled()} and thread
   * interruption (timeouts and cancellations interrupt the worker thread).
   */
  ExecutionResult execute(P payload, ExecutionContext context) throws Exception;
}
