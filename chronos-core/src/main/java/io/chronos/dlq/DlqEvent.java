package io.chronos.dlq;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * A run that retries could not save.
 *
 * @param id ULID
 * @param jobId the job
 * @param jobName the job's name
 * @param ownerId the job's owner
 * @param runId the last attempt
 * @param reason why it was dead-lettered
 * @param error the last attempt's error
 * @param attempts how many attempts were made
 * @param payloadSnapshot the payload at that time as JSON, secrets masked
 * @param status PENDING, REPLAYED or DISCARDED
 * @param replayedBy who replayed it
 * @param replayRunId the run the replay queued
 * @param discardedBy who discarded it
 * @param discardReason why
 * @param resolvedAt when it was replayed or discarded
 * @param createdAt when it was dead-lettered
 */
public record DlqEvent(
    String id,
    String jobId,
    String jobName,
    String ownerId,
    String runId,
    DlqReason reason,
    @Nullable String error,
    int attempts,
    @Nullable String payloadSnapshot,
    DlqStatus status,
    @Nullable String replayedBy,
    @Nullable String replayRunId,
    @Nullable String discardedBy,
    @Nullable String discardReason,
    @Nullable Instant resolvedAt,
    Instant createdAt) {}
