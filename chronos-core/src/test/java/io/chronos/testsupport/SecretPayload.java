package io.chronos.testsupport;

import io.chronos.job.JobType;
import io.chronos.payload.CustomPayload;
import io.chronos.secret.Secret;

/** A custom payload holding a secret, for tests. */
public record SecretPayload(String label, Secret token) implements CustomPayload {
  public static final JobType TYPE = JobType.custom("SECRET_ECHO");

  @Override
  public JobType type() {
    return TYPE;
  }
}
