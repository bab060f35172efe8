package io.chronos.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The pure arithmetic of the punctuality and recovery scenarios: nearest-rank percentiles of
 * millisecond samples and the measurement window of the punctuality scenario.
 */
final class PunctualityStats {
  private PunctualityStats() {}

  /** p50, p99 and max of a sample in milliseconds, and how many samples there were. */
  record Summary(double p50, double p99, double max, int count) {
    static final Summary EMPTY = new Summary(Double.NaN, Double.NaN, Double.NaN, 0);

    static Summary of(List<Double> millis) {
      if (millis.isEmpty()) {
        return EMPTY;
      }
      List<Double> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      return new Summary(
          percentile(sorted, 50),
          percentile(sorted, 99),
          sorted.get(sorted.size() - 1),
          millis.size());
    }
  }

  /**
   * The nearest-rank percentile of an ascending sample: the smallest value with at least {@code
   * percent} % of the sample at or below it. NaN for an empty sample.
   */
  static double percentile(List<Double> ascending, double percent) {
    if (percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be in (0, 100], was " + percent);
    }
    if (ascending.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100.0 * ascending.size());
    return ascending.get(Math.max(1, rank) - 1);
  }

  /**
   * The measurement window: it opens on the first whole second at least {@code warmUp} from now
   * (cron {@code * * * * * ?} fires on whole seconds) and lasts {@code length}; half-open, so a job
   * firing every second fires exactly {@code length} in seconds times in it.
   */
  record Window(Instant start, Instant end) {
    static Window after(Clock clock, Duration warmUp, Duration length) {
      Instant earliest = clock.instant().plus(warmUp);
      Instant start = earliest.truncatedTo(ChronoUnit.SECONDS);
      if (start.isBefore(earliest)) {
        start = start.plusSeconds(1);
      }
      return new Window(start, start.plus(length));
    }

    boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }

    /**
     * Fires of one job with the given period inside the window: exact for any grid of that period
     * when the window's length is a multiple of it.
     */
    long firesPerJob(Duration period) {
      return Duration.between(start, end).toMillis() / period.toMillis();
    }
  }
}
