package io.chronos.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fire-time arithmetic across daylight-saving changes: a wall-clock time skipped by a spring
 * forward fires once right after the gap, a time repeated by a fall back fires once, at its first
 * occurrence. Europe/Berlin changes on 2030-03-31 (02:00 CET to 03:00 CEST) and 2030-10-27 (03:00
 * CEST to 02:00 CET); America/New_York on 2030-03-10 and 2030-11-03.
 */
class FireTimesTest {
  private static final Schedule.Cron BERLIN_0230 =
      new Schedule.Cron("0 30 2 * * ?", "Europe/Berlin");

  private static List<Instant> instants(String... values) {
    return Stream.of(values).map(Instant::parse).toList();
  }

  @Test
  void a_time_skipped_by_spring_forward_fires_once_right_after_the_gap() {
    // 02:30 does not exist on 2030-03-31 in Berlin: it fires at 03:30 CEST.
    assertThat(FireTimes.next(BERLIN_0230, Instant.parse("2030-03-29T12:00:00Z"), 4))
        .isEqualTo(
            instants(
                "2030-03-30T01:30:00Z",
                "2030-03-31T01:30:00Z",
                "2030-04-01T00:30:00Z",
                "2030-04-02T00:30:00Z"));
  }

  @Test
  void a_fire_moved_past_the_gap_is_found_from_an_instant_just_after_the_change() {
    // At 03:10 CEST the local time is past 02:30, but the moved fire (03:30 CEST) is still ahead.
    assertThat(FireTimes.next(BERLIN_0230, Instant.parse("2030-03-31T01:10:00Z"), 2))
        .isEqualTo(instants("2030-03-31T01:30:00Z", "2030-04-01T00:30:00Z"));
    assertThat(FireTimes.next(BERLIN_0230, Instant.parse("2030-03-31T01:30:00Z"), 1))
        .isEqualTo(instants("2030-04-01T00:30:00Z"));
  }

  @Test
  void frequent_fires_across_spring_forward_are_strictly_increasing_without_duplicates() {
    // Local 02:00 and 02:30 move onto 03:00 and 03:30 CEST: each of those instants fires once.
    Schedule.Cron halfHourly = new Schedule.Cron("0 0/30 * * * ?", "Europe/Berlin");
    assertThat(FireTimes.next(halfHourly, Instant.parse("2030-03-31T00:00:00Z"), 4))
        .isEqualTo(
            instants(
                "2030-03-31T00:30:00Z",
                "2030-03-31T01:00:00Z",
                "2030-03-31T01:30:00Z",
                "2030-03-31T02:00:00Z"));
  }

  @Test
  void a_time_in_the_repeated_hour_of_fall_back_fires_once_at_its_first_occurrence() {
    assertThat(FireTimes.next(BERLIN_0230, Instant.parse("2030-10-25T12:00:00Z"), 3))
        .isEqualTo(
            instants("2030-10-26T00:30:00Z", "2030-10-27T00:30:00Z", "2030-10-28T01:30:00Z"));
    // Between the two occurrences of 02:30 the next fire is the next day's.
    assertThat(FireTimes.next(BERLIN_0230, Instant.parse("2030-10-27T00:45:00Z"), 1))
        .isEqualTo(instants("2030-10-28T01:30:00Z"));
  }

  @Test
  void frequent_fires_in_the_repeated_hour_happen_in_its_first_pass_only() {
    Schedule.Cron quarterly = new Schedule.Cron("0 0/15 * * * ?", "Europe/Berlin");
    assertThat(FireTimes.next(quarterly, Instant.parse("2030-10-26T23:50:00Z"), 6))
        .isEqualTo(
            instants(
                "2030-10-27T00:00:00Z",
                "2030-10-27T00:15:00Z",
                "2030-10-27T00:30:00Z",
                "2030-10-27T00:45:00Z",
                "2030-10-27T02:00:00Z",
                "2030-10-27T02:15:00Z"));
    // From inside the second pass (02:20 CET), the next fire is 03:00 CET.
    assertThat(FireTimes.next(quarterly, Instant.parse("2030-10-27T01:20:00Z"), 1))
        .isEqualTo(instants("2030-10-27T02:00:00Z"));
  }

  @Test
  void new_york_spring_forward_and_fall_back() {
    Schedule.Cron at0230 = new Schedule.Cron("0 30 2 * * ?", "America/New_York");
    assertThat(FireTimes.next(at0230, Instant.parse("2030-03-09T12:00:00Z"), 2))
        .isEqualTo(instants("2030-03-10T07:30:00Z", "2030-03-11T06:30:00Z"));
    Schedule.Cron at0130 = new Schedule.Cron("0 30 1 * * ?", "America/New_York");
    assertThat(FireTimes.next(at0130, Instant.parse("2030-11-02T12:00:00Z"), 3))
        .isEqualTo(
            instants("2030-11-03T05:30:00Z", "2030-11-04T06:30:00Z", "2030-11-05T06:30:00Z"));
  }

  @Test
  void a_zone_without_daylight_saving_is_plain_cron() {
    Schedule.Cron utc = new Schedule.Cron("0 0 * * * ?", "UTC");
    assertThat(FireTimes.next(utc, Instant.parse("2030-03-31T00:59:59.999Z"), 2))
        .isEqualTo(instants("2030-03-31T01:00:00Z", "2030-03-31T02:00:00Z"));
  }

  @Test
  void latest_cron_fires_are_the_newest_in_the_period_and_cover_the_gap_once() {
    Instant from = Instant.parse("2030-03-29T01:30:00Z");
    Instant to = Instant.parse("2030-04-02T12:00:00Z");
    assertThat(FireTimes.latest(BERLIN_0230, null, from, to, 10))
        .isEqualTo(
            instants(
                "2030-03-29T01:30:00Z",
                "2030-03-30T01:30:00Z",
                "2030-03-31T01:30:00Z",
                "2030-04-01T00:30:00Z",
                "2030-04-02T00:30:00Z"));
    assertThat(FireTimes.latest(BERLIN_0230, null, from, to, 2))
        .isEqualTo(instants("2030-04-01T00:30:00Z", "2030-04-02T00:30:00Z"));
    assertThat(FireTimes.latest(BERLIN_0230, null, from, to, 0)).isEmpty();
    assertThat(FireTimes.latest(BERLIN_0230, null, from.plusSeconds(1), from.plusSeconds(2), 5))
        .isEmpty();
  }

  @Test
  void latest_fires_of_a_frequent_cron_over_a_long_period_are_found_quickly() {
    Schedule.Cron everySecond = new Schedule.Cron("* * * * * ?", "Europe/Berlin");
    Instant to = Instant.parse("2030-03-31T12:00:00.500Z");
    List<Instant> latest =
        FireTimes.latest(everySecond, null, to.minus(Duration.ofDays(30)), to, 3);
    assertThat(latest)
        .isEqualTo(
            instants("2030-03-31T11:59:58Z", "2030-03-31T11:59:59Z", "2030-03-31T12:00:00Z"));
  }

  @Test
  void interval_fires_stay_on_the_grid_of_the_anchor() {
    Schedule.Interval every10 =
        new Schedule.Interval(Duration.ofMinutes(10), Duration.ofMinutes(10));
    Instant anchor = Instant.parse("2030-01-01T00:10:00Z");
    Instant to = Instant.parse("2030-01-01T01:15:00Z");
    assertThat(FireTimes.latest(every10, anchor, anchor, to, 3))
        .isEqualTo(
            instants("2030-01-01T00:50:00Z", "2030-01-01T01:00:00Z", "2030-01-01T01:10:00Z"));
    assertThat(FireTimes.latest(every10, anchor, Instant.parse("2029-12-31T00:00:00Z"), to, 100))
        .hasSize(7)
        .startsWith(anchor);
    assertThat(FireTimes.latest(every10, anchor, anchor.plusMillis(1), to, 100))
        .hasSize(6)
        .startsWith(Instant.parse("2030-01-01T00:20:00Z"));
    assertThat(FireTimes.nextAfter(every10, anchor, to))
        .contains(Instant.parse("2030-01-01T01:20:00Z"));
    assertThat(FireTimes.nextAfter(every10, anchor, anchor.minusSeconds(5))).contains(anchor);
  }

  @Test
  void an_interval_anchor_is_used_at_millisecond_precision() {
    Schedule.Interval everySecond = new Schedule.Interval(Duration.ofSeconds(1), Duration.ZERO);
    Instant anchor = Instant.parse("2030-01-01T00:00:00.123456Z");
    assertThat(FireTimes.nextAfter(everySecond, anchor, anchor.minusMillis(1)))
        .contains(Instant.parse("2030-01-01T00:00:00.123Z"));
    assertThat(FireTimes.nextAfter(everySecond, anchor, anchor))
        .contains(Instant.parse("2030-01-01T00:00:01.123Z"));
  }

  @Test
  void one_time_and_manual_schedules_have_no_recurring_fires() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(FireTimes.nextAfter(Schedule.once(now.plusSeconds(5)), null, now)).isEmpty();
    assertThat(FireTimes.latest(Schedule.manual(), null, now.minusSeconds(60), now, 5)).isEmpty();
  }

  @Test
  void zone_ids_used_here_change_on_the_expected_days() {
    // Guards the expectations above against a different time-zone database.
    assertThat(
            ZoneId.of("Europe/Berlin")
                .getRules()
                .nextTransition(Instant.parse("2030-03-01T00:00:00Z"))
                .getInstant())
        .isEqualTo(Instant.parse("2030-03-31T01:00:00Z"));
    assertThat(
            ZoneId.of("America/New_York")
                .getRules()
                .nextTransition(Instant.parse("2030-10-01T00:00:00Z"))
                .getInstant())
        .isEqualTo(Instant.parse("2030-11-03T06:00:00Z"));
  }
}
