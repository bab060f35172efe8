package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.benchmarks.BenchMain.Environment;
import io.chronos.benchmarks.BenchMain.H2Environment;
import io.chronos.benchmarks.ThroughputScenario.Round;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The H2 variant of scenarios 1 and 2: configuration, DDL and the report's tables. */
class H2VariantTest {

  @Test
  void databases_are_parsed_in_order_and_checked() {
    assertThat(BenchConfig.parseDatabases("postgresql,h2")).containsExactly("postgresql", "h2");
    assertThat(BenchConfig.parseDatabases(" H2 , postgresql,h2"))
        .containsExactly("h2", "postgresql");
    assertThatThrownBy(() -> BenchConfig.parseDatabases("postgresql,mysql"))
        .hasMessageContaining("unknown database mysql");
  }

  @Test
  void default_is_both_databases_and_lock_and_fetch_is_left_out_on_h2() {
    BenchConfig config = BenchConfig.fromSystemProperties();
    assertThat(config.scenario1Databases()).containsExactly(Db.POSTGRESQL, Db.H2);
    assertThat(ThroughputScenario.systems(config, Db.POSTGRESQL))
        .isEqualTo(BenchConfig.ALL_SYSTEMS);
    assertThat(ThroughputScenario.systems(config, Db.H2))
        .containsExactly("chronos", "db-scheduler", "quartz", "quartz-tuned");
  }

  @Test
  void quartz_and_db_scheduler_tables_are_created_on_h2() throws Exception {
    List<String> quartz = QuartzSubject.quartzTables(Db.H2);
    assertThat(quartz)
        .noneMatch(s -> s.toUpperCase().startsWith("DROP") || s.equalsIgnoreCase("COMMIT"));
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:h2variant;DB_CLOSE_DELAY=-1");
        Statement s = c.createStatement()) {
      for (String sql : quartz) {
        s.execute(sql);
      }
      for (String sql : DbSchedulerSubject.H2_TABLE) {
        s.execute(sql);
      }
      assertThat(Subject.count(c, "SELECT COUNT(*) FROM qrtz_triggers")).isZero();
      assertThat(Subject.count(c, "SELECT COUNT(*) FROM scheduled_tasks")).isZero();
      s.execute("SHUTDOWN");
    }
  }

  @Test
  void report_has_tables_per_database_with_na_on_h2_and_goals_from_postgresql() {
    Map<Db, Map<String, List<Round>>> results = new LinkedHashMap<>();
    results.put(
        Db.POSTGRESQL,
        Map.of(
            "chronos",
            List.of(round("chronos", Db.POSTGRESQL, 10.0, 2_000L, 30_000L)),
            "db-scheduler-lock-and-fetch",
            List.of(round("db-scheduler-lock-and-fetch", Db.POSTGRESQL, 5.0, 11_000L, 20_000L))));
    results.put(Db.H2, Map.of("chronos", List.of(round("chronos", Db.H2, 1.0, null, null))));
    Environment env = new Environment("PostgreSQL 15", Map.of("fsync", "on"), false, null);
    H2Environment h2 = new H2Environment("2.3.232", Map.of("WRITE_DELAY", "500"));
    String md =
        Report.render(
            BenchConfig.fromSystemProperties(), env, h2, null, results, Map.of(), List.of());

    assertThat(md)
        .contains("### Scenario 1: throughput of N one-time no-op jobs, 1 node, on PostgreSQL")
        .contains("### Scenario 2: database work per execution, on PostgreSQL")
        .contains("### Scenario 1: throughput of N one-time no-op jobs, 1 node, on an H2 file")
        .contains("### Scenario 2: database work per execution, on an H2 file")
        .contains(
            "| H2 | 2.3.232, embedded in the harness JVM (scenario 1; 3 and 4 name their files) |")
        .contains("Not run on H2: db-scheduler-lock-and-fetch (");
    // PostgreSQL: server figures per execution; H2: n/a.
    assertThat(md).contains("| chronos | 10,000 | 1,000 | 10.00 | 1× | 3.000 | 1.000 | yes |");
    assertThat(md).contains("| chronos | 10,000 | 10,000 | 1.00 | 1× | n/a | 1.000 | yes |");
    assertThat(md).contains("| chronos | 1.20 | 0.30 | 0.20 | 0.20 |");
    assertThat(md).contains("| chronos | 1.20 | 0.30 | 0.20 | n/a |");
    // Goals from PostgreSQL (Chronos 1,000/s against lock-and-fetch 2,000/s), not from H2.
    assertThat(md).contains("- Chronos ≥ db-scheduler lock-and-fetch: measured 0.50× (missed)");
    assertThat(md.indexOf("on PostgreSQL")).isLessThan(md.indexOf("on an H2 file"));
  }

  @Test
  void report_without_postgresql_says_the_goals_were_not_measured() {
    Map<Db, Map<String, List<Round>>> results =
        Map.of(Db.H2, Map.of("chronos", List.of(round("chronos", Db.H2, 1.0, null, null))));
    String md =
        Report.render(
            BenchConfig.fromSystemProperties(),
            null,
            new H2Environment("2.3.232", Map.of()),
            null,
            results,
            Map.of(),
            List.of());
    assertThat(md).doesNotContain("| PostgreSQL |").contains("Scenario 1 goals: not measured");
  }

  private static Round round(
      String system, Db db, double seconds, Long serverCommits, Long serverCpuMs) {
    int n = 10_000;
    return new Round(
        system,
        db,
        1,
        n,
        seconds,
        n,
        n,
        12_000,
        3_000,
        2_000,
        serverCommits,
        null,
        serverCpuMs,
        10_000);
  }
}
