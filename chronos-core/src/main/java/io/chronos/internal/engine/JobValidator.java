package io.chronos.internal.engine;

import io.chronos.FieldError;
import io.chronos.job.JobSpec;
import io.chronos.notify.NotificationRules;
import io.chronos.payload.JobPayload;
import io.chronos.payload.UnresolvedPayload;
import io.chronos.schedule.Misfire;
import io.chronos.schedule.Schedule;
import io.chronos.spi.JobExecutor;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a job spec field by field and reports every problem, not only the first. */
final class JobValidator {
  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 2000;
  static final int MAX_TAG = 64;
  static final int MAX_TAGS = 50;
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]*");

  private final ExecutorRegistry executors;
  private final Set<String> channelNames;

  JobValidator(ExecutorRegistry executors, Set<String> channelNames) {
    this.executors = executors;
    this.channelNames = channelNames;
  }

  List<FieldError> validate(JobSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    checkName(spec.name(), errors);
    if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION) {
      errors.add(
          new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    checkTags(spec, errors);
    if (spec.timeout() != null && (spec.timeout().isZero() || spec.timeout().isNegative())) {
      errors.add(new FieldError("timeout", "must be positive, was " + spec.timeout()));
    }
    checkSchedule(spec.schedule(), errors);
    checkPayload(spec.payload(), errors);
    checkNotifications(spec.notificationRules(), errors);
    return errors;
  }

  private static void checkName(String name, List<FieldError> errors) {
    if (name == null || name.isBlank()) {
      errors.add(new FieldError("name", "is required"));
    } else if (name.length() > MAX_NAME) {
      errors.add(
          new FieldError(
              "name", "must be at most " + MAX_NAME + " characters, was " + name.length()));
    } else if (!name.strip().equals(name)) {
      errors.add(new FieldError("name", "must not start or end with white space"));
    }
  }

  private static void checkTags(JobSpec spec, List<FieldError> errors) {
    if (spec.tags().size() > MAX_TAGS) {
      errors.add(new FieldError("tags", "at most " + MAX_TAGS + " tags"));
    }
    for (String tag : spec.tags()) {
      if (tag == null || tag.length() > MAX_TAG || !TAG.matcher(tag).matches()) {
        errors.add(
            new FieldError(
                "tags",
                "'"
                    + tag
                    + "' must be 1 to "
                    + MAX_TAG
                    + " letters, digits or _.:/- starting with a letter or digit"));
      }
    }
  }

  private static void checkSchedule(Schedule schedule, List<FieldError> errors) {
    if (schedule == null) {
      errors.add(new FieldError("schedule", "is required"));
    } else if (schedule instanceof Schedule.Cron cron) {
      if (cron.expression() == null || cron.expression().isBlank()) {
        errors.add(new FieldError("schedule.cron", "is required"));
      } else {
        FireTimes.cronProblem(cron.expression())
            .ifPresent(
                p ->
                    errors.add(
                        new FieldError(
                            "schedule.cron",
                            "invalid cron expression '" + cron.expression() + "': " + p)));
      }
      checkZone(cron.zoneId(), errors);
      checkMisfire(cron.misfire(), errors);
    } else if (schedule instanceof Schedule.Interval interval) {
      if (interval.every() == null || interval.every().isZero() || interval.every().isNegative()) {
        errors.add(
            new FieldError("schedule.interval", "must be positive, was " + interval.every()));
      }
      if (interval.initialDelay() == null || interval.initialDelay().isNegative()) {
        errors.add(
            new FieldError(
                "schedule.initialDelay",
                "must be zero or positive, was " + interval.initialDelay()));
      }
      checkMisfire(interval.misfire(), errors);
    } else if (schedule instanceof Schedule.Once once && once.at() == null) {
      errors.add(new FieldError("schedule.at", "is required"));
    }
  }

  private void checkNotifications(NotificationRules rules, List<FieldError> errors) {
    if (rules == null) {
      return;
    }
    if (rules.afterConsecutiveFailures() < 0 || rules.afterConsecutiveFailures() > 1000) {
      errors.add(
          new FieldError(
              "notifications.afterConsecutiveFailures",
              "must be between 0 (off) and 1000, was " + rules.afterConsecutiveFailures()));
    }
    for (String channel : rules.channels()) {
      if (!channelNames.contains(channel)) {
        errors.add(
            new FieldError(
                "notifications.channels",
                "unknown channel '"
                    + channel
                    + "'; registered: "
                    + new java.util.TreeSet<>(channelNames)));
      }
    }
  }

  private static void checkMisfire(Misfire misfire, List<FieldError> errors) {
    if (misfire.policy() == Misfire.Policy.FIRE_ALL
        && (misfire.cap() < 1 || misfire.cap() > Misfire.MAX_CAP)) {
      errors.add(
          new FieldError(
              "schedule.misfire",
              "FIRE_ALL needs a cap of 1 to " + Misfire.MAX_CAP + " runs, was " + misfire.cap()));
    }
  }

  private static void checkZone(String zoneId, List<FieldError> errors) {
    if (zoneId == null || zoneId.isBlank()) {
      errors.add(new FieldError("schedule.zone", "is required"));
      return;
    }
    try {
      ZoneId.of(zoneId);
    } catch (DateTimeException e) {
      errors.add(new FieldError("schedule.zone", "unknown time zone '" + zoneId + "'"));
    }
  }

  private void checkPayload(JobPayload payload, List<FieldError> errors) {
    if (payload == null) {
      errors.add(new FieldError("payload", "is required"));
      return;
    }
    if (payload instanceof UnresolvedPayload) {
      errors.add(
          new FieldError(
              "type",
              "no executor is registered for job type " + payload.type() + " on this node"));
      return;
    }
    Optional<JobExecutor<?>> executor = executors.find(payload.type());
    if (executor.isEmpty()) {
      errors.add(
          new FieldError(
              "type", "unknown job type " + payload.type() + ": no executor registered"));
      return;
    }
    for (FieldError error : ExecutorRegistry.validate(executor.get(), payload)) {
      errors.add(new FieldError("payload." + error.field(), error.message()));
    }
  }
}
