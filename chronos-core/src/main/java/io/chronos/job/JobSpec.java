package io.chronos.job;

import io.chronos.notify.NotificationRules;
import io.chronos.payload.DummyPayload;
import io.chronos.payload.JobPayload;
import io.chronos.retry.RetryPolicy;
import io.chronos.schedule.Misfire;
import io.chronos.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Everything needed to create or update a job. Built fluently:
 *
 * <pre>{@code
 * JobSpec spec = JobSpec.dummy("nightly-cleanup")
 *     .cron("0 0 2 * * ?", ZoneId.of("Europe/Berlin"))
 *     .description("Removes old files")
 *     .tags("ops", "cleanup")
 *     .build();
 * }</pre>
 *
 * The builder accepts any value; {@code Jobs.create} checks them all at once and reports every
 * problem by field.
 *
 * @param name unique per owner, 1 to 200 characters
 * @param description optional, up to 2000 characters
 * @param payload what the job does; its type selects the executor
 * @param schedule when it runs
 * @param ownerId the owning user, or null for the calling actor
 * @param tags labels to filter by, each 1 to 64 characters
 * @param enabled false saves the job DISABLED: it does not fire until enabled
 * @param timeout how long a run may take, or null for no limit
 * @param retryPolicy what happens when an attempt fails, or null for the node's default policy
 * @param concurrency whether runs of the job may overlap
 * @param notificationRules when and where the job notifies, or null for the node's defaults
 */
public record JobSpec(
    @Nullable String name,
    @Nullable String description,
    @Nullable JobPayload payload,
    @Nullable Schedule schedule,
    @Nullable String ownerId,
    Set<String> tags,
    boolean enabled,
    @Nullable Duration timeout,
    @Nullable RetryPolicy retryPolicy,
    Concurrency concurrency,
    @Nullable NotificationRules notificationRules) {

  public JobSpec {
    tags = Set.copyOf(new LinkedHashSet<>(tags));
  }

  /** A builder for a job with the given name and payload. */
  public static Builder builder(String name, JobPayload payload) {
    return new Builder(name, payload);
  }

  /** A DUMMY job that succeeds; change what it does with {@link Builder#payload}. */
  public static Builder dummy(String name) {
    return new Builder(name, DummyPayload.succeed());
  }

  /** A builder pre-filled with this spec, to change some fields for an update. */
  public Builder toBuilder() {
    Builder b = new Builder(name, payload);
    b.description = description;
    b.schedule = schedule;
    b.ownerId = ownerId;
    b.tags.addAll(tags);
    b.enabled = enabled;
    b.timeout = timeout;
    b.retryPolicy = retryPolicy;
    b.concurrency = concurrency;
    b.notificationRules = notificationRules;
    return b;
  }

  /** Fluent builder of a {@link JobSpec}. Without a schedule the job runs only when triggered. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable JobPayload payload;
    private @Nullable String description;
    private @Nullable Schedule schedule;
    private @Nullable String ownerId;
    private final Set<String> tags = new LinkedHashSet<>();
    private boolean enabled = true;
    private @Nullable Duration timeout;
    private @Nullable RetryPolicy retryPolicy;
    private Concurrency concurrency = Concurrency.ALLOW;
    private @Nullable NotificationRules notificationRules;
    private @Nullable Misfire misfire;

    private Builder(@Nullable String name, @Nullable JobPayload payload) {
      this.name = name;
      this.payload = payload;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder payload(JobPayload payload) {
      this.payload = payload;
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    public Builder schedule(Schedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /** Fires on a Quartz cron expression (seconds first) in the given zone. */
    public Builder cron(String expression, ZoneId zone) {
      return schedule(Schedule.cron(expression, zone));
    }

    /** Fires on a Quartz cron expression in the node's default zone ({@code defaultZone}). */
    public Builder cron(String expression) {
      return schedule(new Schedule.Cron(expression, null));
    }

    /** Fires on a Quartz cron expression in the zone with this id (checked on save). */
    public Builder cron(String expression, String zoneId) {
      return schedule(Schedule.cron(expression, zoneId));
    }

    /** Fires every {@code interval}, the first time one interval after saving. */
    public Builder every(Duration interval) {
      return schedule(Schedule.every(interval));
    }

    /** Fires every {@code interval}, the first time {@code initialDelay} after saving. */
    public Builder every(Duration interval, Duration initialDelay) {
      return schedule(new Schedule.Interval(interval, initialDelay));
    }

    /**
     * What a cron or interval schedule does about missed fires (default {@link
     * Misfire#fireOnce()}), whether it is set before or after the schedule. One-time and manual
     * schedules have no misfire policy: a one-time job past its instant runs at once.
     */
    public Builder misfire(Misfire misfire) {
      this.misfire = misfire;
      return this;
    }

    /** Runs once at the given instant. */
    public Builder once(Instant at) {
      return schedule(Schedule.once(at));
    }

    /** Runs only when triggered. */
    public Builder manual() {
      return schedule(Schedule.manual());
    }

    public Builder owner(@Nullable String ownerId) {
      this.ownerId = ownerId;
      return this;
    }

    public Builder tags(String... tags) {
      this.tags.addAll(List.of(tags));
      return this;
    }

    public Builder tags(Set<String> tags) {
      this.tags.clear();
      this.tags.addAll(tags);
      return this;
    }

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    public Builder timeout(@Nullable Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The job's retry policy; without one, the node's default policy applies. */
    public Builder retry(@Nullable RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /** Whether runs may overlap (default ALLOW). */
    public Builder concurrency(Concurrency concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** When and through which channels the job notifies (default: the node's rules). */
    public Builder notify(@Nullable NotificationRules rules) {
      this.notificationRules = rules;
      return this;
    }

    public JobSpec build() {
      return new JobSpec(
          name,
          description,
          payload,
          withMisfire(Objects.requireNonNullElse(schedule, Schedule.manual())),
          ownerId,
          tags,
          enabled,
          timeout,
          retryPolicy,
          concurrency == null ? Concurrency.ALLOW : concurrency,
          notificationRules);
    }

    private Schedule withMisfire(Schedule schedule) {
      if (misfire == null) {
        return schedule;
      }
      if (schedule instanceof Schedule.Cron cron) {
        return cron.withMisfire(misfire);
      }
      if (schedule instanceof Schedule.Interval interval) {
        return interval.withMisfire(misfire);
      }
      return schedule;
    }
  }
}
