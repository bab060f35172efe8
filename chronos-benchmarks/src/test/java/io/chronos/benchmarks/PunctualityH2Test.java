package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.benchmarks.PunctualityStats.Summary;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 variants of scenarios 3 and 4: the file database and the sections they report. */
class PunctualityH2Test {

  @TempDir Path dir;

  @Test
  void urls_are_embedded_for_scenario_3_and_mixed_mode_for_scenario_4() {
    Path file = dir.resolve("punctuality");
    assertThat(new PunctualityH2(file, PunctualityH2.EMBEDDED).url())
        .isEqualTo("jdbc:h2:file:" + file + ";DB_CLOSE_DELAY=-1");
    assertThat(new PunctualityH2(file, PunctualityH2.MIXED).url())
        .isEqualTo("jdbc:h2:file:" + file + ";DB_CLOSE_DELAY=-1;AUTO_SERVER=TRUE");
  }

  @Test
  void a_round_starts_on_a_fresh_file_and_leaves_none() throws Exception {
    Files.writeString(dir.resolve("recovery.trace.db"), "left over by an interrupted run");
    Files.writeString(dir.resolve("other.mv.db"), "not ours");
    PunctualityH2 h2 = PunctualityH2.fresh(dir, "recovery", PunctualityH2.MIXED);
    assertThat(dir.resolve("recovery.trace.db")).doesNotExist();
    try (Connection c = h2.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
    assertThat(dir.resolve("recovery.mv.db")).exists();
    h2.delete();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("other.mv.db");
    }
  }

  /**
   * Scenario 4's premise on H2: when this JVM opens the file first and keeps it open, a child JVM
   * in mixed mode is a TCP client of it; killing the child with SIGKILL in the middle of a
   * transaction rolls that transaction back and releases its locks, and the database stays
   * reachable here.
   */
  @Test
  void sigkill_of_a_mixed_mode_client_leaves_the_serving_jvm_its_database() throws Exception {
    PunctualityH2 h2 = PunctualityH2.fresh(dir, "recovery", PunctualityH2.MIXED);
    try (Connection first = h2.connect();
        Statement s = first.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
      s.execute("INSERT INTO t VALUES (1, 0)");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child =
          new ProcessBuilder(
                  java,
                  "-cp",
                  RecoveryScenario.childClassPath(),
                  LockingClient.class.getName(),
                  h2.url())
              .redirectErrorStream(true)
              .start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
          line = out.readLine();
        } while (line != null && !line.equals(LockingClient.LOCKED));
        assertThat(line).as("the child's output").isEqualTo(LockingClient.LOCKED);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        child.destroyForcibly();
      }
      // The child's row lock must go with it; wait for it rather than fail at H2's default.
      s.execute("SET LOCK_TIMEOUT 10000");
      assertThat(s.executeUpdate("UPDATE t SET v = v + 2 WHERE id = 1")).isEqualTo(1);
      try (ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id = 1")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the child's uncommitted update is rolled back").isEqualTo(2);
      }
    } finally {
      h2.delete();
    }
  }

  /** A child JVM that updates a row without committing, says so, then waits to be killed. */
  public static final class LockingClient {
    static final String LOCKED = "LOCKED";

    public static void main(String[] args) throws Exception {
      Connection c = DriverManager.getConnection(args[0], PunctualityH2.USER, "");
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE t SET v = 100 WHERE id = 1");
      }
      System.out.println(LOCKED);
      System.out.flush();
      Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
  }

  @Test
  void scenario_3_reports_a_table_per_database_and_only_postgresql_has_the_goal() {
    PunctualityScenario.Settings settings =
        new PunctualityScenario.Settings(20, 10, 3, 20, 15, 1, "cron", 10, 4);
    Summary lag = Summary.of(List.of(10.0, 20.0, 30.0));
    List<PunctualityScenario.Round> rounds =
        List.of(
            new PunctualityScenario.Round(
                lag, lag, lag, 200, 200, 200, 0.3, 20, Map.of("punctuality-a-r1", 200L)));
    Section pg = PunctualityScenario.render(settings, rounds, Db.POSTGRESQL);
    Section h2 = PunctualityScenario.render(settings, rounds, Db.H2);
    assertThat(pg.markdown())
        .startsWith("### Scenario 3: punctuality of recurring jobs, 2 nodes, on PostgreSQL\n")
        .contains("ANALYZE");
    assertThat(h2.markdown())
        .startsWith("### Scenario 3: punctuality of recurring jobs, 2 nodes, on an H2 file\n")
        .contains(";DB_CLOSE_DELAY=-1`")
        .doesNotContain("ANALYZEs")
        .contains("| start lag (`started_at - scheduled_at`) | 20 | 30 | 30 |");
    assertThat(pg.goals()).hasSize(1);
    assertThat(pg.goals().get(0).met()).isTrue();
  }

  @Test
  void scenario_4_reports_a_table_per_database() {
    RecoveryScenario.Settings settings = new RecoveryScenario.Settings(10, 1, 120, 0);
    RecoveryTimes.Measured measured =
        new RecoveryTimes.Measured(List.of(9_800.0), List.of(10_000.0), List.of(10_050.0), 1, 0);
    List<RecoveryScenario.Round> rounds =
        List.of(new RecoveryScenario.Round(measured, Duration.ofSeconds(10), 150));
    Section pg = RecoveryScenario.render(settings, rounds, Db.POSTGRESQL);
    Section h2 = RecoveryScenario.render(settings, rounds, Db.H2);
    assertThat(pg.markdown())
        .startsWith(
            "### Scenario 4: recovery of the runs of a node killed with SIGKILL, on PostgreSQL\n");
    assertThat(h2.markdown())
        .startsWith(
            "### Scenario 4: recovery of the runs of a node killed with SIGKILL, on an H2 file\n")
        .contains("AUTO_SERVER=TRUE")
        .contains("| running again (RECOVERY attempt started) | 10.05 | 10.05 | 10.05 |");
    assertThat(pg.goals()).singleElement().matches(Section.Goal::met);
  }
}
