package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void median_of_odd_and_even_counts() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Stats.median(List.of())).isNaN();
  }

  @Test
  void format_shows_median_and_range() {
    assertThat(Stats.format(List.of(1200.4, 980.0, 1500.6), 0)).isEqualTo("1,200 (980–1,501)");
    assertThat(Stats.format(List.of(2.345), 2)).isEqualTo("2.35");
    assertThat(Stats.format(List.of(), 2)).isEqualTo("n/a");
  }

  @Test
  void ratio_of_medians() {
    assertThat(Stats.ratio(1000, 80)).isEqualTo("12.5×");
    assertThat(Stats.ratio(900, 1000)).isEqualTo("0.90×");
    assertThat(Stats.ratio(1, 0)).isEqualTo("n/a");
    assertThat(Stats.ratio(Double.NaN, 1)).isEqualTo("n/a");
  }
}
