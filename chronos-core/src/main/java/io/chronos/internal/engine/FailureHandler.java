package io.chronos.internal.engine;

import io.chronos.dlq.DlqReason;
import io.chronos.internal.json.Json;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.DlqRepository;
import io.chronos.internal.store.JobRepository;
import io.chronos.internal.store.PayloadColumns;
import io.chronos.internal.store.RetryPolicyRepository;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.RunRepository.NewRun;
import io.chronos.job.Job;
import io.chronos.job.JobStatus;
import io.chronos.retry.FailureCategory;
import io.chronos.retry.RetryPolicy;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, in the transaction that closes a failed attempt, what comes next: a new attempt after
 * the policy's backoff, or a dead-letter event; and what the job's notification rules want told.
 */
final class FailureHandler {
  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

  /** One failed attempt, as the dispatcher or the recovery saw it. */
  record FailedAttempt(
      String runId,
      String jobId,
      int attempt,
      String fireKey,
      Instant scheduledAt,
      RunStatus status,
      FailureCategory category,
      boolean retryable,
      @Nullable String error,
      @Nullable Duration retryAfter) {}

  /** What was decided. */
  enum Decision {
    RETRY,
    DEAD_LETTER,
    NOTHING
  }

  private final JobRepository jobs;
  private final RunRepository runs;
  private final RetryPolicyRepository policies;
  private final DlqRepository dlq;
  private final RunNotifications notifications;
  private final RetryPolicy defaultPolicy;
  private final Clock clock;
  private final RandomGenerator random;
  private final Runnable queueChanged;

  FailureHandler(
      JobRepository jobs,
      RunRepository runs,
      RetryPolicyRepository policies,
      DlqRepository dlq,
      RunNotifications notifications,
      RetryPolicy defaultPolicy,
      Clock clock,
      RandomGenerator random,
      Runnable queueChanged) {
    this.jobs = jobs;
    this.runs = runs;
    this.policies = policies;
    this.dlq = dlq;
    this.notifications = notifications;
    this.defaultPolicy = defaultPolicy;
    this.clock = clock;
    this.random = random;
    this.queueChanged = queueChanged;
  }

  private static RunNotifications.Ended ended(Job job, FailedAttempt failed) {
    return new RunNotifications.Ended(
        failed.runId(),
        job.id(),
        job.name(),
        job.ownerId(),
        failed.attempt(),
        failed.status(),
        failed.error(),
        job.notificationRules());
  }

  /** Must run inside the transaction that closed the attempt. */
  Decision handle(FailedAttempt failed) {
    if (failed.status() == RunStatus.CANCELLED || failed.status() == RunStatus.SUCCEEDED) {
      return Decision.NOTHING;
    }
    Optional<Job> job = jobs.find(failed.jobId());
    if (job.isEmpty()) {
      return Decision.NOTHING; // deleted meanwhile: nothing to retry or dead-letter
    }
    notifications.ended(ended(job.get(), failed));
    RetryPolicy policy = policies.find(failed.jobId()).orElse(defaultPolicy);
    boolean retryable = failed.retryable() && policy.retries(failed.category());
    Instant now = clock.instant();
    if (retryable && failed.attempt() < policy.maxAttempts()) {
      int next = failed.attempt() + 1;
      // A lost node is not the job's failure: its next attempt is due at once.
      Duration delay =
          failed.status() == RunStatus.LOST ? Duration.ZERO : policy.delay(next, random);
      if (failed.retryAfter() != null && failed.retryAfter().compareTo(delay) > 0) {
        delay = failed.retryAfter();
      }
      runs.enqueue(
          new NewRun(
              Ids.next(),
              failed.jobId(),
              next,
              failed.fireKey(),
              failed.status() == RunStatus.LOST ? TriggerType.RECOVERY : TriggerType.RETRY,
              failed.scheduledAt(),
              now.plus(delay),
              job.get().status() == JobStatus.PAUSED ? RunStatus.HELD : RunStatus.QUEUED,
              failed.runId(),
              delay.toMillis()));
      Db.afterCommit(queueChanged);
      log.info(
          "Run {} of job {} failed ({}), attempt {} of {} queued in {}",
          failed.runId(),
          failed.jobId(),
          failed.category(),
          next,
          policy.maxAttempts(),
          delay);
      return Decision.RETRY;
    }
    DlqReason reason =
        !retryable
            ? DlqReason.NON_RETRYABLE
            : switch (failed.status()) {
              case TIMED_OUT -> DlqReason.TIMED_OUT;
              case LOST -> DlqReason.LOST;
              default -> DlqReason.RETRIES_EXHAUSTED;
            };
    dlq.insert(
        Ids.next(),
        failed.jobId(),
        failed.runId(),
        reason,
        failed.error(),
        failed.attempt(),
        Json.write(PayloadColumns.maskedSnapshot(job.get().payload())),
        now);
    notifications.deadLettered(ended(job.get(), failed));
    log.warn(
        "Run {} of job {} dead-lettered ({}) after {} attempt(s): {}",
        failed.runId(),
        failed.jobId(),
        reason,
        failed.attempt(),
        failed.error());
    return Decision.DEAD_LETTER;
  }
}
