package io.chronos.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.job.JobSpec;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MisfireTest {

  @Test
  void the_cap_of_fire_once_and_skip_follows_from_the_policy() {
    assertThat(Misfire.fireOnce().cap()).isEqualTo(1);
    assertThat(Misfire.skip().cap()).isZero();
    assertThat(new Misfire(Misfire.Policy.SKIP, 7)).isEqualTo(Misfire.skip());
    assertThat(Misfire.fireAll(10).cap()).isEqualTo(10);
    assertThat(Misfire.fireAll(10)).hasToString("FIRE_ALL(10)");
    assertThat(Misfire.skip()).hasToString("SKIP");
  }

  @Test
  void cron_and_interval_schedules_fire_once_for_missed_fires_by_default() {
    assertThat(new Schedule.Cron("0 0 2 * * ?", "UTC").misfire()).isEqualTo(Misfire.fireOnce());
    assertThat(new Schedule.Cron("0 0 2 * * ?", "UTC", null).misfire())
        .isEqualTo(Misfire.fireOnce());
    assertThat(((Schedule.Interval) Schedule.every(Duration.ofMinutes(5))).misfire())
        .isEqualTo(Misfire.fireOnce());
    assertThat(new Schedule.Cron("0 0 2 * * ?", "UTC"))
        .isEqualTo(new Schedule.Cron("0 0 2 * * ?", "UTC", Misfire.fireOnce()));
  }

  @Test
  void the_builder_applies_the_misfire_policy_before_or_after_the_schedule() {
    JobSpec before =
        JobSpec.dummy("a")
            .misfire(Misfire.skip())
            .cron("0 0 2 * * ?", ZoneId.of("Europe/Berlin"))
            .build();
    JobSpec after =
        JobSpec.dummy("a").every(Duration.ofMinutes(5)).misfire(Misfire.fireAll(3)).build();
    assertThat(before.schedule())
        .isEqualTo(new Schedule.Cron("0 0 2 * * ?", "Europe/Berlin", Misfire.skip()));
    assertThat(after.schedule())
        .isEqualTo(
            new Schedule.Interval(
                Duration.ofMinutes(5), Duration.ofMinutes(5), Misfire.fireAll(3)));
    assertThat(after.toBuilder().build().schedule()).isEqualTo(after.schedule());
    assertThat(JobSpec.dummy("m").misfire(Misfire.skip()).build().schedule())
        .isEqualTo(Schedule.manual());
  }
}
