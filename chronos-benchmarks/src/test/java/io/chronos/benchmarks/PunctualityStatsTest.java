package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.benchmarks.PunctualityStats.Summary;
import io.chronos.benchmarks.PunctualityStats.Window;
import io.chronos.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PunctualityStatsTest {
  @Test
  void nearest_rank_percentiles() {
    List<Double> hundred = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      hundred.add((double) i);
    }
    Summary s = Summary.of(hundred);
    assertThat(s.p50()).isEqualTo(50.0);
    assertThat(s.p99()).isEqualTo(99.0);
    assertThat(s.max()).isEqualTo(100.0);
    assertThat(s.count()).isEqualTo(100);

    // With fewer than 100 samples p99 is the maximum.
    Summary ten = Summary.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0, 9.0, 8.0, 7.0, 6.0, 10.0));
    assertThat(ten.p50()).isEqualTo(5.0);
    assertThat(ten.p99()).isEqualTo(10.0);

    Summary one = Summary.of(List.of(7.0));
    assertThat(one.p50()).isEqualTo(7.0);
    assertThat(one.p99()).isEqualTo(7.0);
  }

  @Test
  void empty_sample_is_nan_and_percent_is_checked() {
    assertThat(Summary.of(List.of()).p99()).isNaN();
    assertThat(Summary.of(List.of()).count()).isZero();
    assertThatThrownBy(() -> PunctualityStats.percentile(List.of(1.0), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PunctualityStats.percentile(List.of(1.0), 101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void summary_sorts_its_sample() {
    List<Double> shuffled = new ArrayList<>(List.of(3.0, 1.0, 2.0));
    Collections.shuffle(shuffled);
    assertThat(Summary.of(shuffled).max()).isEqualTo(3.0);
  }

  @Test
  void window_opens_on_the_first_whole_second_after_the_warm_up() {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-01T10:00:00.300Z"));
    Window w = Window.after(clock, Duration.ofSeconds(5), Duration.ofSeconds(60));
    assertThat(w.start()).isEqualTo(Instant.parse("2026-01-01T10:00:06Z"));
    assertThat(w.end()).isEqualTo(Instant.parse("2026-01-01T10:01:06Z"));
    assertThat(w.firesPerJob(Duration.ofSeconds(1))).isEqualTo(60);
    assertThat(w.contains(w.start())).isTrue();
    assertThat(w.contains(w.end())).isFalse();
  }

  @Test
  void window_on_an_exact_second_starts_there() {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-01T10:00:00Z"));
    Window w = Window.after(clock, Duration.ofSeconds(3), Duration.ofSeconds(10));
    assertThat(w.start()).isEqualTo(Instant.parse("2026-01-01T10:00:03Z"));
    assertThat(w.firesPerJob(Duration.ofSeconds(1))).isEqualTo(10);
  }
}
