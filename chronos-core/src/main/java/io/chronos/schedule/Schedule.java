package io.chronos.schedule;

import io.chronos.internal.engine.FireTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * When a job runs: on a cron expression in a time zone, every fixed interval, once at an instant,
 * or only when triggered by hand. Values are checked when the job is saved, so an invalid one is
 * reported together with every other problem of the job.
 */
public sealed interface Schedule
    permits Schedule.Cron, Schedule.Interval, Schedule.Once, Schedule.Manual {

  /** Quartz cron syntax (seconds first, e.g. {@code 0 0 2 * * ?}) evaluated in a time zone. */
  record Cron(String expression, String zoneId) implements Schedule {
    /** The time zone; throws if {@link #zoneId()} is not a valid zone id. */
    public ZoneId zone() {
      return ZoneId.of(zoneId);
    }
  }

  /**
   * Every {@code every}, the first fire {@code initialDelay} after the job is created or changed.
   */
  record Interval(Duration every, Duration initialDelay) implements Schedule {}

  /** Once, at the given instant (an instant in the past runs at once). */
  record Once(Instant at) implements Schedule {}

  /** No schedule: the job runs only when triggered. */
  record Manual() implements Schedule {}

  /** A cron schedule in the given zone. */
  static Schedule cron(String expression, ZoneId zone) {
    return new Cron(expression, zone.getId());
  }

  /** A cron schedule in the zone with the given id (checked when the job is saved). */
  static Schedule cron(String expression, String zoneId) {
    return new Cron(expression, zoneId);
  }

  /** A fixed interval whose first fire is one interval from now. */
  static Schedule every(Duration every) {
    return new Interval(every, every);
  }

  /** One fire at the given instant. */
  static Schedule once(Instant at) {
    return new Once(at);
  }

  /** Run only when triggered. */
  static Schedule manual() {
    return new Manual();
  }

  /**
   * The next {@code count} fire times strictly after {@code after}. For an interval the anchor is
   * {@code after + initialDelay}; for a job, use {@code Jobs.nextFireTimes}, which knows the stored
   * anchor.
   */
  default List<Instant> nextFireTimes(Instant after, int count) {
    return FireTimes.next(this, after, count);
  }
}
