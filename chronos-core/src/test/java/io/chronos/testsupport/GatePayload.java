package io.chronos.testsupport;

import io.chronos.job.JobType;
import io.chronos.payload.CustomPayload;

/** A run that waits at a named gate until the test opens it. */
public record GatePayload(String gate) implements CustomPayload {
  public static final JobType TYPE = JobType.custom("GATE");

  @Override
  public JobType type() {
    return TYPE;
  }
}
