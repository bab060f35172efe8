package io.chronos.spring.boot;

import io.chronos.job.JobType;
import io.chronos.payload.CustomPayload;

/**
 * The payload of a {@link ChronosJob @ChronosJob} method: which bean method to call. Stored as
 * JSON, so any node of the cluster that has the bean can run it.
 *
 * @param bean the bean name
 * @param method the method name
 */
public record MethodJobPayload(String bean, String method) implements CustomPayload {

  /** The job type of annotated bean methods. */
  public static final JobType TYPE = JobType.custom("SPRING_METHOD");

  @Override
  public JobType type() {
    return TYPE;
  }
}
