package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistorySeedTest {
  @Test
  void four_log_lines_per_run_and_one_admin_per_hundred_users() {
    HistorySeed.Sizes full = HistorySeed.Sizes.full();
    assertThat(full.logs()).isEqualTo(20_000_000L);
    assertThat(full.admins()).isEqualTo(10);
    assertThat(HistorySeed.Sizes.quick().logs()).isEqualTo(80_000L);
    assertThat(HistorySeed.Sizes.quick().admins()).isEqualTo(1);
    assertThatThrownBy(() -> new HistorySeed.Sizes(10, 100, 150))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void divided_sizes_keep_runs_a_multiple_of_a_hundred() {
    assertThat(HistorySeed.Sizes.full().dividedBy(20))
        .isEqualTo(new HistorySeed.Sizes(50, 5_000, 250_000));
    assertThat(HistorySeed.Sizes.full().dividedBy(1)).isEqualTo(HistorySeed.Sizes.full());
    assertThat(new HistorySeed.Sizes(1_000, 100_000, 5_000_000).dividedBy(3).runs())
        .isEqualTo(1_666_600);
    assertThatThrownBy(() -> HistorySeed.Sizes.full().dividedBy(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("divisor");
  }

  @Test
  void the_script_splits_into_named_steps_with_every_placeholder_filled() throws Exception {
    HistorySeed seed =
        new HistorySeed(BenchConfig.fromSystemProperties(), "x", HistorySeed.Sizes.quick());
    Map<String, String> steps = seed.steps(Instant.ofEpochMilli(1_790_000_000_000L));
    assertThat(steps.keySet())
        .containsExactly(
            "helper functions",
            "users",
            "jobs",
            "job_schedules",
            "job_payloads",
            "job_runs [chunked]",
            "job_run_logs [chunked]",
            "dlq_events [chunked]");
    assertThat(String.join("\n", steps.values())).doesNotContain("${").contains("1790000000000");
  }

  @Test
  void fill_refuses_an_unknown_placeholder() {
    assertThat(HistorySeed.fill("a ${x} b", Map.of("x", "1"))).isEqualTo("a 1 b");
    assertThatThrownBy(() -> HistorySeed.fill("a ${y}", Map.of("x", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void split_ignores_the_header() {
    assertThat(HistorySeed.split("-- header\n-- step: a\nSELECT 1;\n-- step: b\nSELECT 2;\n"))
        .containsExactly(Map.entry("a", "SELECT 1;"), Map.entry("b", "SELECT 2;"));
  }
}
