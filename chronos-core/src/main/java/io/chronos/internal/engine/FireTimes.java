package io.chronos.internal.engine;

import io.chronos.schedule.Schedule;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import javax.annotation.Nullable;
import org.quartz.CronExpression;

/**
 * Fire-time arithmetic for schedules: the instants Chronos fires recurring jobs at.
 *
 * <p>Cron: Quartz's {@link CronExpression} is evaluated in UTC over the <em>wall-clock</em> time of
 * the schedule's zone (a {@link LocalDateTime} read as if it were UTC), and each matching
 * wall-clock time is then placed in the zone with {@link ZonedDateTime#ofLocal}: a time in a
 * spring-forward gap moves later by the length of the gap (02:30 fires at 03:30), a time in a
 * fall-back overlap takes the earlier offset (it fires once, in the first pass). Instants that are
 * not later than the previous fire are dropped, so the sequence strictly increases (02:30 moved to
 * 03:30 and a regular 03:30 fire once). Quartz's own zone-aware evaluation skips a wall-clock time
 * that does not exist, which is why Chronos does not use it.
 *
 * <p>Interval: a grid {@code anchor + k * every} (k ≥ 0) at millisecond precision, the anchor being
 * the stored start of the job.
 */
public final class FireTimes {
  /** The most fire times one call computes. */
  public static final int MAX_COUNT = 1000;

  private static final Duration FIRST_WINDOW = Duration.ofMinutes(1);
  private static final ZoneOffset UTC = ZoneOffset.UTC;

  private FireTimes() {}

  /**
   * The next {@code count} fire times strictly after {@code after}. For an interval the anchor is
   * {@code after + initialDelay}.
   */
  public static List<Instant> next(Schedule schedule, Instant after, int count) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT);
    }
    List<Instant> times = new ArrayList<>(count);
    if (schedule instanceof Schedule.Cron cron) {
      CronFires fires = new CronFires(cron, after);
      while (times.size() < count) {
        Instant next = fires.next();
        if (next == null) {
          break;
        }
        times.add(next);
      }
    } else if (schedule instanceof Schedule.Interval interval) {
      Instant first = after.plus(interval.initialDelay());
      for (int i = 0; i < count; i++) {
        times.add(first.plus(interval.every().multipliedBy(i)));
      }
    } else if (schedule instanceof Schedule.Once once && once.at().isAfter(after) && count > 0) {
      times.add(once.at());
    }
    // A manual schedule only fires when triggered.
    return times;
  }

  /** Fire times of an interval anchored at its stored start time, strictly after {@code after}. */
  public static List<Instant> nextOfInterval(
      Schedule.Interval interval, Instant anchor, Instant after, int count) {
    List<Instant> times = new ArrayList<>(count);
    long every = interval.every().toMillis();
    Instant start = anchor.truncatedTo(ChronoUnit.MILLIS);
    long k = 0;
    if (!after.isBefore(start)) {
      k = (after.toEpochMilli() - start.toEpochMilli()) / every + 1;
    }
    for (int i = 0; i < count; i++) {
      times.add(start.plusMillis(every * (k + i)));
    }
    return times;
  }

  /**
   * The first fire time of a recurring job strictly after {@code after}, or empty when the schedule
   * fires no more (or is not recurring).
   *
   * @param anchor the stored start of an interval job (ignored for cron)
   */
  public static Optional<Instant> nextAfter(
      Schedule schedule, @Nullable Instant anchor, Instant after) {
    if (schedule instanceof Schedule.Cron cron) {
      return Optional.ofNullable(new CronFires(cron, after).next());
    }
    if (schedule instanceof Schedule.Interval interval) {
      Instant start = anchor != null ? anchor : after.plus(interval.initialDelay());
      return Optional.of(nextOfInterval(interval, start, after, 1).get(0));
    }
    return Optional.empty();
  }

  /**
   * The newest {@code max} fire times {@code t} of a recurring job with {@code from <= t <= to},
   * oldest first. The work is proportional to {@code max}, not to the length of the period: a job
   * that fires every second and missed a week costs no more than one that missed a minute.
   *
   * @param anchor the stored start of an interval job (ignored for cron)
   */
  public static List<Instant> latest(
      Schedule schedule, @Nullable Instant anchor, Instant from, Instant to, int max) {
    if (max <= 0 || to.isBefore(from)) {
      return List.of();
    }
    if (schedule instanceof Schedule.Interval interval) {
      Instant start =
          (anchor != null ? anchor : from.plus(interval.initialDelay()))
              .truncatedTo(ChronoUnit.MILLIS);
      return latestOfInterval(interval.every().toMillis(), start, from, to, max);
    }
    if (schedule instanceof Schedule.Cron cron) {
      return latestOfCron(cron, from, to, max);
    }
    return List.of();
  }

  private static List<Instant> latestOfInterval(
      long every, Instant start, Instant from, Instant to, int max) {
    if (to.isBefore(start)) {
      return List.of();
    }
    long last = Math.floorDiv(to.toEpochMilli() - start.toEpochMilli(), every);
    long first = Math.max(0, ceilDiv(from.toEpochMilli() - start.toEpochMilli(), every));
    // A sub-millisecond part of `from` must not admit the grid point just before it.
    while (first <= last && start.plusMillis(every * first).isBefore(from)) {
      first++;
    }
    first = Math.max(first, last - max + 1);
    List<Instant> times = new ArrayList<>();
    for (long k = first; k <= last; k++) {
      times.add(start.plusMillis(every * k));
    }
    return times;
  }

  /** Looks back from {@code to} in doubling windows until {@code max} fires or {@code from}. */
  private static List<Instant> latestOfCron(Schedule.Cron cron, Instant from, Instant to, int max) {
    Duration span = Duration.between(from, to);
    Duration window = FIRST_WINDOW;
    while (true) {
      boolean whole = window.compareTo(span) >= 0;
      Instant after = whole ? from.minusNanos(1) : to.minus(window);
      ArrayDeque<Instant> newest = new ArrayDeque<>(max + 1);
      CronFires fires = new CronFires(cron, after);
      for (Instant t = fires.next(); t != null && !t.isAfter(to); t = fires.next()) {
        newest.addLast(t);
        if (newest.size() > max) {
          newest.removeFirst();
        }
      }
      if (whole || newest.size() >= max) {
        return new ArrayList<>(newest);
      }
      window = window.multipliedBy(2);
    }
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }

  /** Why a cron expression is invalid, or empty when it is valid. */
  public static Optional<String> cronProblem(String expression) {
    try {
      new CronExpression(expression);
      return Optional.empty();
    } catch (ParseException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The fire instants of a cron schedule strictly after a start instant, in order. Wall-clock
   * candidates come from the expression evaluated in UTC; {@link #next()} maps each to its instant
   * and drops the ones not later than the last instant returned.
   */
  private static final class CronFires {
    private final CronExpression wallClock;
    private final ZoneId zone;
    private LocalDateTime cursor;
    private Instant last;

    CronFires(Schedule.Cron cron, Instant after) {
      this.wallClock = wallClockExpression(cron.expression());
      this.zone = cron.zone();
      this.last = after;
      this.cursor = startCursor(zone, after);
    }

    @Nullable
    Instant next() {
      while (true) {
        Date candidate = wallClock.getNextValidTimeAfter(Date.from(cursor.toInstant(UTC)));
        if (candidate == null) {
          return null;
        }
        cursor = LocalDateTime.ofInstant(candidate.toInstant(), UTC);
        Instant fire = ZonedDateTime.ofLocal(cursor, zone, null).toInstant();
        if (fire.isAfter(last)) {
          last = fire;
          return fire;
        }
      }
    }

    /**
     * The wall-clock time to search from. Every wall-clock time up to the local time of {@code
     * after} maps to an instant not later than {@code after}, except a time in the gap of a
     * spring-forward that happened just before {@code after}: moved to the end of the gap, it may
     * still be ahead. So when {@code after} lies within one gap length after such a change, the
     * search starts just before the gap.
     */
    private static LocalDateTime startCursor(ZoneId zone, Instant after) {
      LocalDateTime local = LocalDateTime.ofInstant(after, zone);
      ZoneOffsetTransition previous = zone.getRules().previousTransition(after.plusNanos(1));
      if (previous != null
          && previous.isGap()
          && after.isBefore(previous.getInstant().plus(previous.getDuration()))) {
        LocalDateTime beforeGap = previous.getDateTimeBefore().minusSeconds(1);
        return beforeGap.isBefore(local) ? beforeGap : local;
      }
      return local;
    }
  }

  private static CronExpression wallClockExpression(String expression) {
    try {
      CronExpression parsed = new CronExpression(expression);
      parsed.setTimeZone(TimeZone.getTimeZone(UTC));
      return parsed;
    } catch (ParseException e) {
      throw new IllegalArgumentException("Invalid cron expression: " + e.getMessage(), e);
    }
  }
}
