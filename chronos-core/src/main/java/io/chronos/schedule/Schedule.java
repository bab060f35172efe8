package io.chronos.schedule;

import io.chronos.internal.engine.FireTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * When a job runs: on a cron expression in a time zone, every fixed interval, once at an instant,
 * or only when triggered by hand. Values are checked when the job is saved, so an invalid one is
 * reported together with every other problem of the job. Cron and interval schedules carry a {@link
 * Misfire} policy for fires missed while no node could fire them.
 */
public sealed interface Schedule
    permits Schedule.Cron, Schedule.Interval, Schedule.Once, Schedule.Manual {

  /**
   * Quartz cron syntax (seconds first, e.g. {@code 0 0 2 * * ?}) evaluated on the wall clock of a
   * time zone. Across daylight-saving changes every matching wall-clock time fires exactly once: a
   * time skipped when clocks spring forward fires right after the gap (02:30 becomes 03:30), a time
   * repeated when they fall back fires at its first occurrence only.
   *
   * @param expression the cron expression
   * @param zoneId the zone of the wall clock
   * @param misfire what happens to fires the job missed (null: {@link Misfire#fireOnce()})
   */
  record Cron(String expression, String zoneId, Misfire misfire) implements Schedule {
    public Cron {
      misfire = misfire == null ? Misfire.fireOnce() : misfire;
    }

    /** A cron schedule that fires once for missed fires. */
    public Cron(String expression, String zoneId) {
      this(expression, zoneId, Misfire.fireOnce());
    }

    /** The time zone; throws if {@link #zoneId()} is not a valid zone id. */
    public ZoneId zone() {
      return ZoneId.of(zoneId);
    }

    /** This schedule with another misfire policy. */
    public Cron withMisfire(Misfire misfire) {
      return new Cron(expression, zoneId, misfire);
    }
  }

  /**
   * Every {@code every}, the first fire {@code initialDelay} after the job is created or changed;
   * the fire times stay on that grid (they do not drift with late fires or daylight saving).
   *
   * @param every the interval
   * @param initialDelay from saving to the first fire
   * @param misfire what happens to fires the job missed (null: {@link Misfire#fireOnce()})
   */
  record Interval(Duration every, Duration initialDelay, Misfire misfire) implements Schedule {
    public Interval {
      misfire = misfire == null ? Misfire.fireOnce() : misfire;
    }

    /** An interval schedule that fires once for missed fires. */
    public Interval(Duration every, Duration initialDelay) {
      this(every, initialDelay, Misfire.fireOnce());
    }

    /** This schedule with another misfire policy. */
    public Interval withMisfire(Misfire misfire) {
      return new Interval(every, initialDelay, misfire);
    }
  }

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

  /** A cron schedule in the given zone with a misfire policy. */
  static Schedule cron(String expression, ZoneId zone, Misfire misfire) {
    return new Cron(expression, zone.getId(), misfire);
  }

  /** A fixed interval whose first fire is one interval from now. */
  static Schedule every(Duration every) {
    return new Interval(every, every);
  }

  /** A fixed interval whose first fire is one interval from now, with a misfire policy. */
  static Schedule every(Duration every, Misfire misfire) {
    return new Interval(every, every, misfire);
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
