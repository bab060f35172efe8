package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.benchmarks.RecoveryTimes.Held;
import io.chronos.benchmarks.RecoveryTimes.Measured;
import io.chronos.benchmarks.RecoveryTimes.Recovery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTimesTest {
  private static final Instant KILL = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void each_held_run_is_matched_to_the_next_attempt_of_its_fire() {
    List<Held> held =
        List.of(
            new Held("r1", "j1", "M1", 1, at("09.500"), at("10.000")),
            new Held("r2", "j2", "M2", 2, at("09.500"), at("10.001")));
    List<Recovery> recoveries =
        List.of(
            // Another fire of the same job, and an attempt that is not the next one: ignored.
            new Recovery("j1", "M9", 2, at("01.000")),
            new Recovery("j2", "M2", 2, at("01.000")),
            new Recovery("j1", "M1", 2, at("10.250")),
            new Recovery("j2", "M2", 3, at("10.125")));
    Measured m = RecoveryTimes.measure(KILL, held, recoveries);
    assertThat(m.running()).containsExactly(10_250.0, 10_125.0);
    assertThat(m.leaseExpiry()).containsExactly(9_500.0, 9_500.0);
    assertThat(m.lost()).containsExactly(10_000.0, 10_001.0);
    assertThat(m.held()).isEqualTo(2);
    assertThat(m.missing()).isZero();
  }

  @Test
  void a_run_without_a_started_recovery_attempt_is_missing() {
    List<Held> held =
        List.of(
            new Held("r1", "j1", "M1", 1, null, null),
            new Held("r2", "j2", "M2", 1, at("09.000"), null));
    Measured m = RecoveryTimes.measure(KILL, held, List.of(new Recovery("j1", "M1", 2, null)));
    assertThat(m.missing()).isEqualTo(2);
    assertThat(m.running()).isEmpty();
    assertThat(m.leaseExpiry()).containsExactly(9_000.0);
    assertThat(m.lost()).isEmpty();
  }

  @Test
  void times_before_the_kill_are_negative() {
    assertThat(RecoveryTimes.millisBetween(KILL, KILL.minusMillis(5))).isEqualTo(-5.0);
    assertThat(RecoveryTimes.millisBetween(KILL, KILL.plusNanos(1_500_000))).isEqualTo(1.5);
  }

  /** An instant seconds.millis after the kill, e.g. "10.250". */
  private static Instant at(String secondsAfterKill) {
    String[] parts = secondsAfterKill.split("\\.");
    return KILL.plusSeconds(Long.parseLong(parts[0])).plusMillis(Long.parseLong(parts[1]));
  }
}
