package io.chronos.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency figures of one query: nearest-rank percentiles of the measured calls, in ms. */
record HistoryLatency(double p50, double p95, double max, int calls) {

  /** The summary of the given call durations in milliseconds. */
  static HistoryLatency of(List<Double> millis) {
    if (millis.isEmpty()) {
      return new HistoryLatency(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return new HistoryLatency(
        percentile(sorted, 50),
        percentile(sorted, 95),
        sorted.get(sorted.size() - 1),
        millis.size());
  }

  /**
   * The nearest-rank percentile of sorted values: the smallest value with at least p % of the
   * values at or below it.
   */
  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    if (p <= 0) {
      return sorted.get(0);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.min(sorted.size(), Math.max(rank, 1)) - 1);
  }
}
