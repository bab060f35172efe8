package io.chronos.spi;

import io.chronos.secret.Secret;
import io.chronos.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** What an executor knows about the run it executes, and its way to log and to notice a stop. */
public interface ExecutionContext {

  /** The run's id. */
  String runId();

  /** The job's id. */
  String jobId();

  /** The job's name. */
  String jobName();

  /** The id of the job's owner. */
  String ownerId();

  /**
   * The role of the job's owner: executors apply stricter defaults to USER-owned jobs (SSRF
   * protection, for one). System jobs are owned by the system user, an ADMIN.
   */
  Role ownerRole();

  /** 1 for the first attempt of a fire, 2 and up for retries and recoveries. */
  int attempt();

  /** The fire time this run belongs to, the same for every attempt of one fire. */
  Instant scheduledAt();

  /**
   * A key that is the same for every attempt of one fire and different for every fire: send it to
   * the systems you call so that an at-least-once retry can be made effectively-once.
   */
  String idempotencyKey();

  /** When the run times out, if the job has a timeout. */
  Optional<Instant> deadline();

  /** True once the run was cancelled, timed out, or lost its lease: stop as soon as you can. */
  boolean isCancelled();

  /**
   * The clear value of a secret of the payload: a reference is resolved now, a stored value was
   * decrypted when the run was claimed. The value is also masked in every later log line and in the
   * run's error. Throws {@link io.chronos.secret.SecretException} naming an unknown reference.
   */
  String secret(Secret secret);

  /** The scheduler's clock; use it instead of the system clock. */
  Clock clock();

  /** The run's log. */
  RunLogger log();
}
