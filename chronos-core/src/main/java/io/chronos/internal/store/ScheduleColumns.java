package io.chronos.internal.store;

import io.chronos.schedule.Misfire;
import io.chronos.schedule.Schedule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.annotation.Nullable;

/**
 * A schedule as the columns of {@code job_schedules}. A result set read here has the columns {@code
 * schedule_type, cron_expression, time_zone, interval_ms, start_at, run_at, misfire_policy,
 * misfire_cap}.
 */
final class ScheduleColumns {
  /** The schedule columns, for a select on {@code job_schedules s}. */
  static final String SELECT =
      "s.schedule_type, s.cron_expression, s.time_zone, s.interval_ms, s.start_at, s.run_at,"
          + " s.misfire_policy, s.misfire_cap, s.next_fire_at, s.initial_delay_ms";

  private ScheduleColumns() {}

  /** The value of {@code misfire_policy}: the default for schedules without a policy. */
  static String policy(Schedule schedule) {
    return misfireOf(schedule).policy().name();
  }

  /** The value of {@code misfire_cap}: only FIRE_ALL has one. */
  @Nullable
  static Integer cap(Schedule schedule) {
    Misfire misfire = misfireOf(schedule);
    return misfire.policy() == Misfire.Policy.FIRE_ALL ? misfire.cap() : null;
  }

  private static Misfire misfireOf(Schedule schedule) {
    if (schedule instanceof Schedule.Cron cron) {
      return cron.misfire();
    }
    if (schedule instanceof Schedule.Interval interval) {
      return interval.misfire();
    }
    return Misfire.fireOnce();
  }

  /** Reads the schedule; an interval's initial delay is stored as given. */
  static Schedule map(ResultSet rs, Db db) throws SQLException {
    return switch (rs.getString("schedule_type")) {
      case "CRON" ->
          new Schedule.Cron(
              rs.getString("cron_expression"), rs.getString("time_zone"), misfire(rs));
      case "INTERVAL" -> {
        long delay = rs.getLong("initial_delay_ms");
        Duration initialDelay = Duration.ofMillis(rs.wasNull() ? 0 : delay);
        yield new Schedule.Interval(
            Duration.ofMillis(rs.getLong("interval_ms")), initialDelay, misfire(rs));
      }
      case "ONCE" -> new Schedule.Once(db.instant(rs, "run_at"));
      default -> new Schedule.Manual();
    };
  }

  private static Misfire misfire(ResultSet rs) throws SQLException {
    Misfire.Policy policy = Misfire.Policy.valueOf(rs.getString("misfire_policy"));
    int cap = rs.getInt("misfire_cap");
    return new Misfire(policy, rs.wasNull() ? 1 : cap);
  }
}
