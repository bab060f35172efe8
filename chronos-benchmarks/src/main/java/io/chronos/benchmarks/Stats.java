package io.chronos.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and range of a few rounds, formatted for the results table. */
public final class Stats {
  private Stats() {}

  /** The median (mean of the two middle values for an even count); NaN when empty. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }

  /** "median (min–max)" with the given decimals; just the value for one round; "n/a" for none. */
  public static String format(List<Double> values, int decimals) {
    if (values.isEmpty()) {
      return "n/a";
    }
    String median = number(median(values), decimals);
    if (values.size() == 1) {
      return median;
    }
    return median
        + " ("
        + number(Collections.min(values), decimals)
        + "–"
        + number(Collections.max(values), decimals)
        + ")";
  }

  /** A ratio of two medians as "12.3×", or "n/a" when either is missing or the divisor is 0. */
  public static String ratio(double numerator, double denominator) {
    if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0) {
      return "n/a";
    }
    double r = numerator / denominator;
    return number(r, r >= 10 ? 1 : 2) + "×";
  }

  static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}
