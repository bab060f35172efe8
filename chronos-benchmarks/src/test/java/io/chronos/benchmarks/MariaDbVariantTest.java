package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.jdbc.MariaDBJdbcCustomization;
import io.chronos.benchmarks.ThroughputScenario.Round;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB variant of scenarios 1 and 2, the parts that need no server: it is opt-in, which
 * systems run, their tables and the report. MariaDbServicesTest runs it on the local server.
 */
class MariaDbVariantTest {

  @Test
  void mariadb_is_known_but_not_in_the_default_databases() {
    BenchConfig config = BenchConfig.fromSystemProperties();
    assertThat(config.scenario1Databases()).doesNotContain(Db.MARIADB);
    assertThat(config.usesMariaDb()).isFalse();
    assertThat(BenchConfig.parseDatabases("postgresql,h2,MariaDB"))
        .containsExactly("postgresql", "h2", "mariadb");
    assertThat(Db.of("mariadb").server()).isTrue();
    assertThat(Db.H2.server()).isFalse();
  }

  @Test
  void default_server_is_the_local_one_as_root() {
    MariaDbServer server = BenchConfig.fromSystemProperties().mariadb();
    assertThat(server.adminUrl("chronos_bench"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/chronos_bench?user=root");
    assertThat(server.url("bench_chronos_r1_7"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/bench_chronos_r1_7");
    assertThat(server.maintenanceUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/?user=root");
  }

  /**
   * The reason lock-and-fetch is left out, as db-scheduler's jar states it: its MariaDB
   * customization declares neither kind of lock-and-fetch. When an upgrade changes that, this test
   * fails and the system can run on MariaDB.
   */
  @Test
  void lock_and_fetch_is_left_out_because_db_schedulers_mariadb_customization_has_none() {
    MariaDBJdbcCustomization mariadb = new MariaDBJdbcCustomization(true);
    assertThat(mariadb.supportsGenericLockAndFetch()).isFalse();
    assertThat(mariadb.supportsSingleStatementLockAndFetch()).isFalse();
    assertThat(ThroughputScenario.systems(BenchConfig.fromSystemProperties(), Db.MARIADB))
        .containsExactly("chronos", "db-scheduler", "quartz", "quartz-tuned");
    assertThat(ThroughputScenario.UNSUPPORTED.get(Db.MARIADB).get("db-scheduler-lock-and-fetch"))
        .contains("MariaDBJdbcCustomization")
        .endsWith(ThroughputScenario.lockAndFetchRefused("MariaDB"));
  }

  @Test
  void quartz_uses_the_jars_innodb_script_without_its_comments_drops_and_commit() throws Exception {
    List<String> tables = QuartzSubject.quartzTables(Db.MARIADB);
    assertThat(QuartzSubject.tablesScript(Db.MARIADB)).isEqualTo("tables_mysql_innodb.sql");
    assertThat(QuartzSubject.delegate(Db.MARIADB))
        .isEqualTo("org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    assertThat(tables)
        .noneMatch(s -> s.startsWith("#") || s.startsWith("DROP") || s.equalsIgnoreCase("commit"));
    List<String> creates = tables.stream().filter(s -> s.startsWith("CREATE TABLE")).toList();
    assertThat(creates).hasSize(11).allMatch(s -> s.endsWith("ENGINE=InnoDB"));
    assertThat(creates).anyMatch(s -> s.startsWith("CREATE TABLE QRTZ_TRIGGERS"));
  }

  @Test
  void db_scheduler_table_has_the_same_columns_on_every_database_in_its_types() {
    String mariadb = DbSchedulerSubject.table(Db.MARIADB).get(0);
    assertThat(mariadb)
        .contains(" task_name VARCHAR(100) NOT NULL,")
        .contains(" task_data BLOB,")
        .contains(" execution_time TIMESTAMP(6) NOT NULL,")
        .contains(" last_heartbeat TIMESTAMP(6) NULL,");
    assertThat(DbSchedulerSubject.table(Db.POSTGRESQL).get(0))
        .contains(" task_name TEXT NOT NULL,")
        .contains(" task_data BYTEA,")
        .contains(" last_heartbeat TIMESTAMP WITH TIME ZONE,");
    for (Db db : Db.values()) {
      assertThat(DbSchedulerSubject.table(db)).hasSize(4);
      assertThat(columns(DbSchedulerSubject.table(db).get(0))).isEqualTo(columns(mariadb));
    }
  }

  @Test
  void report_has_mariadb_tables_after_postgresql_and_h2_with_server_cpu_and_no_commit_count() {
    Map<Db, Map<String, List<Round>>> results = new LinkedHashMap<>();
    results.put(Db.MARIADB, Map.of("chronos", List.of(round(Db.MARIADB, 2.0, 40_000L))));
    results.put(Db.H2, Map.of("chronos", List.of(round(Db.H2, 1.0, null))));
    results.put(Db.POSTGRESQL, Map.of("chronos", List.of(round(Db.POSTGRESQL, 1.0, 30_000L))));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("innodb_flush_log_at_trx_commit", "1");
    settings.put("tx_isolation", "REPEATABLE-READ");
    settings.put("log_bin", "OFF");
    String md =
        Report.render(
            BenchConfig.fromSystemProperties(),
            new BenchMain.Environment("PostgreSQL 15", Map.of(), false, null),
            new BenchMain.H2Environment("2.3.232", Map.of()),
            new MariaDbServer.Environment("10.11.19-MariaDB", settings),
            results,
            Map.of(),
            List.of());

    int pg =
        md.indexOf("### Scenario 1: throughput of N one-time no-op jobs, 1 node, on PostgreSQL");
    int h2 =
        md.indexOf("### Scenario 1: throughput of N one-time no-op jobs, 1 node, on an H2 file");
    int mariadb =
        md.indexOf("### Scenario 1: throughput of N one-time no-op jobs, 1 node, on MariaDB");
    assertThat(pg).isPositive().isLessThan(h2);
    assertThat(h2).isLessThan(mariadb);
    assertThat(md)
        .contains("### Scenario 2: database work per execution, on MariaDB")
        .contains("| MariaDB | 10.11.19-MariaDB (scenarios 1 and 2) |")
        .contains("| MariaDB innodb_flush_log_at_trx_commit | 1 |")
        .contains("| MariaDB tx_isolation | REPEATABLE-READ (the server's default;")
        .contains("| MariaDB log_bin | OFF |")
        .contains("Not run on MariaDB: db-scheduler-lock-and-fetch (");
    String mariadbTables = md.substring(mariadb);
    // Server CPU from mariadbd (4 ms per execution); no server-side commit count.
    assertThat(mariadbTables)
        .contains("| chronos | 10,000 | 5,000 | 2.00 | 1× | 4.000 | 1.000 | yes |")
        .contains("| chronos | 1.20 | 0.30 | 0.20 | n/a |");
  }

  /** The column names of a CREATE TABLE, in order. */
  private static List<String> columns(String createTable) {
    String body =
        createTable.substring(createTable.indexOf('(') + 1, createTable.indexOf("PRIMARY KEY"));
    return Stream.of(body.split(","))
        .map(String::trim)
        .filter(c -> !c.isEmpty())
        .map(c -> c.substring(0, c.indexOf(' ')))
        .toList();
  }

  private static Round round(Db db, double seconds, Long serverCpuMs) {
    int n = 10_000;
    return new Round(
        "chronos", db, 1, n, seconds, n, n, 12_000, 3_000, 2_000, null, null, serverCpuMs, 10_000);
  }
}
