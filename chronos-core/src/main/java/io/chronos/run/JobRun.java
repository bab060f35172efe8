package io.chronos.run;

import java.time.Duration;
import java.time.Instant;
import javax.annotation.Nullable;

/**
 * One attempt of one fire of a job.
 *
 * @param id ULID
 * @param jobId the job
 * @param status where the run is
 * @param attempt 1 for the first attempt of a fire, then 2, 3... for retries and recoveries
 * @param triggerType why it was queued
 * @param scheduledAt the fire time it belongs to (the same for every attempt of one fire)
 * @param notBefore the earliest time it may start
 * @param nodeId the node that claimed it, if any
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param duration how long it ran
 * @param error why it failed, if it did
 * @param resultSummary what the executor reported on success
 * @param retryOf the previous attempt, for retries and recoveries
 * @param idempotencyKey stable across all attempts of one fire
 * @param createdAt when it was queued
 * @param backoff the delay the retry policy applied before this attempt, null for first attempts
 */
public record JobRun(
    String id,
    String jobId,
    RunStatus status,
    int attempt,
    TriggerType triggerType,
    Instant scheduledAt,
    Instant notBefore,
    @Nullable String nodeId,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable Duration duration,
    @Nullable String error,
    @Nullable String resultSummary,
    @Nullable String retryOf,
    String idempotencyKey,
    Instant createdAt,
    @Nullable Duration backoff) {}
