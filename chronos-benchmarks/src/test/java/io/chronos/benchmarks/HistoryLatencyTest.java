package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryLatencyTest {
  @Test
  void nearest_rank_percentiles_of_unsorted_values() {
    List<Double> values = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      values.add((double) i);
    }
    Collections.shuffle(values, new java.util.Random(3));
    HistoryLatency l = HistoryLatency.of(values);
    assertThat(l.p50()).isEqualTo(100.0);
    assertThat(l.p95()).isEqualTo(190.0);
    assertThat(l.max()).isEqualTo(200.0);
    assertThat(l.calls()).isEqualTo(200);
  }

  @Test
  void small_samples() {
    assertThat(HistoryLatency.of(List.of(7.0)).p95()).isEqualTo(7.0);
    assertThat(HistoryLatency.percentile(List.of(1.0, 2.0, 3.0), 50)).isEqualTo(2.0);
    assertThat(HistoryLatency.percentile(List.of(1.0, 2.0, 3.0), 95)).isEqualTo(3.0);
    assertThat(HistoryLatency.percentile(List.of(1.0, 2.0, 3.0), 0)).isEqualTo(1.0);
    assertThat(HistoryLatency.of(List.of()).calls()).isZero();
    assertThat(HistoryLatency.of(List.of()).p95()).isNaN();
  }
}
