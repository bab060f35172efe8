package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.benchmarks.ThroughputScenario.Round;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenarios 1 and 2 on the local MariaDB server, with a few jobs: every system that runs there runs
 * its jobs once, in a database of its own that it leaves behind dropped, and the server's settings
 * and CPU can be read. The run's database is this test's own, so that a benchmark run on the same
 * server is not disturbed.
 */
@Tag("services")
class MariaDbServicesTest {
  private static final int N = 40;
  private static final BenchConfig CONFIG = config();

  @BeforeAll
  static void createDatabase() {
    BenchMain.createDatabase(CONFIG, Db.MARIADB);
  }

  @AfterAll
  static void dropDatabase() {
    BenchMain.dropDatabase(CONFIG, Db.MARIADB);
  }

  @Test
  void every_system_runs_its_jobs_once_and_drops_its_database() throws Exception {
    for (String system : ThroughputScenario.systems(CONFIG, Db.MARIADB)) {
      Subject subject = ThroughputScenario.subject(CONFIG, Db.MARIADB, system, 1, 1);
      Round round = ThroughputScenario.runOne(CONFIG, subject, 1, false);

      assertThat(round.executed()).as(system).isEqualTo(N);
      assertThat(round.succeeded()).as(system).isEqualTo(N);
      assertThat(round.statements()).as(system).isPositive();
      assertThat(round.clientCommits()).as(system).isPositive();
      assertThat(round.serverCpuMs()).as(system).isNotNull().isNotNegative();
      assertThat(round.serverCommits()).as(system).isNull();
      assertThat(databases(subject.schema)).as(system).isZero();
    }
  }

  @Test
  void db_scheduler_refuses_lock_and_fetch_on_mariadb() throws Exception {
    Subject subject =
        ThroughputScenario.subject(CONFIG, Db.MARIADB, "db-scheduler-lock-and-fetch", 1, 1);
    try {
      assertThatThrownBy(() -> subject.setUp(N))
          .hasMessageContaining(
              ThroughputScenario.lockAndFetchRefused("MariaDB").replace("\"", ""));
    } finally {
      subject.closePool();
      subject.dropSchema();
    }
  }

  @Test
  void environment_shows_the_server_version_and_its_commit_settings() throws Exception {
    try (Connection c = admin()) {
      MariaDbServer.Environment env = MariaDbServer.Environment.read(c);
      assertThat(env.version()).contains("MariaDB");
      assertThat(env.settings()).containsOnlyKeys(MariaDbServer.Environment.SHOWN);
      assertThat(env.settings().get("log_bin")).isIn("ON", "OFF");
      assertThat(env.settings().get("innodb_buffer_pool_size")).endsWith(" MiB");
      assertThat(env.settings().get("tx_isolation")).contains("-");
    }
  }

  @Test
  void server_cpu_is_read_from_the_mariadbd_process() throws Exception {
    try (Connection c = admin()) {
      ServerCpu cpu = ServerCpu.of(Db.MARIADB, c);
      assertThat(cpu.available()).isTrue();
      long before = cpu.serverMillis();
      assertThat(before).isPositive();
      assertThat(cpu.serverMillis()).isGreaterThanOrEqualTo(before);
    }
  }

  private static long databases(String name) throws Exception {
    try (Connection c = admin();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW DATABASES LIKE '" + name + "'")) {
      long count = 0;
      while (rs.next()) {
        count++;
      }
      return count;
    }
  }

  private static Connection admin() throws Exception {
    return DriverManager.getConnection(CONFIG.mariadb().adminUrl(CONFIG.database()));
  }

  /** The default settings with a few jobs, small pools and this test's own database. */
  private static BenchConfig config() {
    BenchConfig d = BenchConfig.fromSystemProperties();
    return new BenchConfig(
        N,
        N,
        0,
        0,
        List.of(1),
        List.of("1"),
        1,
        true,
        4,
        8,
        d.server(),
        "chronos_bench_test_" + ProcessHandle.current().pid(),
        d.maintenanceDatabase(),
        d.user(),
        d.systems(),
        120,
        Path.of("target/mariadb-services-test.md"),
        List.of(Db.MARIADB.id),
        d.h2Dir(),
        d.mariadb());
  }
}
