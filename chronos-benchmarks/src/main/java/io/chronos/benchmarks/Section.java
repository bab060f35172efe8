package io.chronos.benchmarks;

import java.util.List;

/**
 * What one scenario contributes to docs/benchmarks.md: a Markdown section (starting with its own
 * {@code ###} heading) and the goals it measured.
 */
record Section(String markdown, List<Goal> goals) {

  /** Prints the section and its goals (a scenario run alone). */
  void print() {
    System.out.println(markdown);
    goals.forEach(g -> System.out.println(g.line()));
  }

  /** One goal of issue #6 as measured: what was asked, what was measured, met or not. */
  record Goal(String asked, String measured, boolean met) {
    String line() {
      return "- " + asked + ": measured " + measured + (met ? " (met)" : " (missed)");
    }
  }
}
