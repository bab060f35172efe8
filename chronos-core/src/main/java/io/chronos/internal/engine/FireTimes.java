package io.chronos.internal.engine;

import io.chronos.schedule.Schedule;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Fire-time arithmetic for schedules, on Quartz's cron implementation (the one that fires them).
 */
public final class FireTimes {
  /** The most fire times one call computes. */
  public static final int MAX_COUNT = 1000;

  private FireTimes() {}

  /** The next {@code count} fire times strictly after {@code after}. */
  public static List<Instant> next(Schedule schedule, Instant after, int count) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT);
    }
    List<Instant> times = new ArrayList<>(count);
    if (schedule instanceof Schedule.Cron cron) {
      CronExpression expression = parse(cron);
      Date cursor = Date.from(after);
      while (times.size() < count) {
        cursor = expression.getNextValidTimeAfter(cursor);
        if (cursor == null) {
          break;
        }
        times.add(cursor.toInstant());
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

  /** Fire times of an interval anchored at its stored start time. */
  public static List<Instant> nextOfInterval(
      Schedule.Interval interval, Instant anchor, Instant after, int count) {
    List<Instant> times = new ArrayList<>(count);
    long every = interval.every().toMillis();
    long k = 0;
    if (after.isAfter(anchor) || after.equals(anchor)) {
      k = (after.toEpochMilli() - anchor.toEpochMilli()) / every + 1;
    }
    for (int i = 0; i < count; i++) {
      times.add(anchor.plusMillis(every * (k + i)));
    }
    return times;
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

  private static CronExpression parse(Schedule.Cron cron) {
    try {
      CronExpression expression = new CronExpression(cron.expression());
      expression.setTimeZone(TimeZone.getTimeZone(cron.zone()));
      return expression;
    } catch (ParseException e) {
      throw new IllegalArgumentException("Invalid cron expression: " + e.getMessage(), e);
    }
  }
}
