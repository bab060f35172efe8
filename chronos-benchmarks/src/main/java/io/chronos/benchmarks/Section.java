package io.chronos.benchmarks;

import java.util.List;

/**
 * What one scenario contributes to docs/benchmarks.md: a Markdown section (starting with its own
 * {@code ###} heading) and the goals it measured.
 */
record Section(String markdown, List<Goal> goals) {

  /** One goal of issue #6 as measured: what was asked, what was measured, met or not. */
  record Goal(String asked, String measured, boolean met) {
    String line() {
      return "- " + asked + ": measured " + measured + (met ? " (met)" : " (missed)");
    }
  }
}
