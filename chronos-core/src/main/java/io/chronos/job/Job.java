package io.chronos.job;

import io.chronos.notify.NotificationRules;
import io.chronos.payload.JobPayload;
import io.chronos.retry.RetryPolicy;
import io.chronos.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * A job as stored.
 *
 * @param id ULID
 * @param ownerId the owning user ({@code Actor.SYSTEM_USER_ID} for system jobs)
 * @param name unique per owner
 * @param description optional
 * @param type selects the executor
 * @param status ACTIVE, PAUSED or DISABLED
 * @param schedule when it runs
 * @param payload what it does (secrets as stored: encrypted or by reference)
 * @param tags labels
 * @param timeout the run time limit, or null
 * @param retryPolicy the job's own retry policy, or null when the node's default applies
 * @param concurrency whether runs may overlap
 * @param notificationRules the job's own notification rules, or null for the node's defaults
 * @param nextFireTime the next time it fires, or null when nothing is scheduled
 * @param version incremented by every update
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Job(
    String id,
    String ownerId,
    String name,
    @Nullable String description,
    JobType type,
    JobStatus status,
    Schedule schedule,
    JobPayload payload,
    Set<String> tags,
    @Nullable Duration timeout,
    @Nullable RetryPolicy retryPolicy,
    Concurrency concurrency,
    @Nullable NotificationRules notificationRules,
    @Nullable Instant nextFireTime,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  public Job {
    tags = Set.copyOf(tags);
  }

  /** A spec with this job's definition, to change some fields and pass to {@code Jobs.update}. */
  public JobSpec.Builder toSpec() {
    return new JobSpec(
            name,
            description,
            payload,
            schedule,
            ownerId,
            tags,
            status != JobStatus.DISABLED,
            timeout,
            retryPolicy,
            concurrency,
            notificationRules)
        .toBuilder();
  }
}
