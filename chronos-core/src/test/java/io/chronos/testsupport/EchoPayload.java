package io.chronos.testsupport;

import io.chronos.job.JobType;
import io.chronos.payload.CustomPayload;
import java.util.List;

/** A custom payload for tests; its api token is a secret. */
public record EchoPayload(String message, String apiToken, List<String> lines)
    implements CustomPayload {
  public static final JobType TYPE = JobType.custom("ECHO");

  @Override
  public JobType type() {
    return TYPE;
  }
}
