package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.benchmarks.ThroughputScenario.Round;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario 1 with several nodes: the node counts it is told, and its own table in the report. */
class ClusteredThroughputTest {

  @Test
  void reads_node_counts_in_order_without_repeats() {
    assertThat(BenchConfig.nodeCounts("1,2")).containsExactly(1, 2);
    assertThat(BenchConfig.nodeCounts(" 2 , 1, 2 ")).containsExactly(2, 1);
  }

  @Test
  void refuses_node_counts_that_are_not_1_to_8_naming_the_property_and_value() {
    for (String bad : List.of("0", "9", "1,two", "-1")) {
      assertThatThrownBy(() -> BenchConfig.nodeCounts(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bench.nodes")
          .hasMessageContaining(bad);
    }
    assertThatThrownBy(() -> BenchConfig.nodeCounts(" , "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no node count");
  }

  @Test
  void the_report_gives_two_nodes_a_table_of_their_own_after_the_one_node_tables() {
    Map<String, List<Round>> one = new LinkedHashMap<>();
    one.put("chronos", List.of(round("chronos", 1.0)));
    one.put("quartz", List.of(round("quartz", 10.0)));
    Map<String, List<Round>> two = new LinkedHashMap<>();
    two.put("chronos", List.of(round("chronos", 0.5)));
    two.put("quartz", List.of(round("quartz", 8.0)));

    String md =
        Report.render(
            BenchConfig.fromSystemProperties(),
            null,
            null,
            null,
            Map.of(Db.POSTGRESQL, one),
            Map.of(2, Map.of(Db.POSTGRESQL, two)),
            List.of());

    int oneNode = md.indexOf("### Scenario 1: throughput of N one-time no-op jobs, 1 node");
    int twoNodes = md.indexOf("### Scenario 1: throughput of N one-time no-op jobs, 2 nodes");
    assertThat(oneNode).isNotNegative();
    assertThat(twoNodes).isGreaterThan(oneNode);
    String table = md.substring(twoNodes, md.indexOf("### Goals of issue #6"));
    // 1,000 jobs in 0.5 s and in 8 s: 2,000/s and 125/s, Chronos 16× Quartz.
    assertThat(table).contains("| chronos | 1,000 | 2,000 |").contains("16.0×");
    // The goals stay those of one node: 1,000/s against 100/s.
    assertThat(md).contains("Chronos ≥ 10× raw Quartz default: measured 10.0×");
  }

  private static Round round(String system, double seconds) {
    return new Round(
        system, Db.POSTGRESQL, 1, 1_000, seconds, 1_000, 1_000, 100, 100, 100, 100L, null, 50L, 50);
  }
}
