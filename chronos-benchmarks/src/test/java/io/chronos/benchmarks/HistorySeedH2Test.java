package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zaxxer.hikari.HikariDataSource;
import io.chronos.Chronos;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 5's H2 seed at the quick size, and the scenario's probes on it. */
class HistorySeedH2Test {
  private static final HistorySeed.Sizes SIZES = HistorySeed.Sizes.quick();
  private static final String S = HistorySeed.CHRONOS_SCHEMA;

  @TempDir static Path dir;

  private static HistorySeedH2 seed;
  private static HistorySeed.Marker marker;

  @BeforeAll
  static void seedOnce() throws Exception {
    seed = new HistorySeedH2(dir, "history", SIZES);
    marker = seed.seed();
  }

  @AfterAll
  static void shutDown() throws Exception {
    seed.database().delete();
  }

  @Test
  void has_the_row_counts_of_the_postgresql_seed() throws Exception {
    try (Connection c = seed.database().connect()) {
      // The system user comes from the migrations.
      assertThat(count(c, "users")).isEqualTo(SIZES.users() + 1);
      assertThat(count(c, "users WHERE role = 'ADMIN' AND enabled")).isEqualTo(SIZES.admins());
      assertThat(count(c, "jobs")).isEqualTo(SIZES.jobs());
      assertThat(count(c, "job_schedules")).isEqualTo(SIZES.jobs());
      assertThat(count(c, "job_payloads")).isEqualTo(SIZES.jobs());
      assertThat(count(c, "job_runs")).isEqualTo(SIZES.runs());
      assertThat(count(c, "job_run_logs")).isEqualTo(SIZES.logs()).isEqualTo(marker.logs());
      assertThat(count(c, "dlq_events")).isEqualTo(marker.deadLetters());
      // A dead letter for every third attempt of a failed, timed-out or lost run, none else.
      assertThat(
              count(c, "job_runs WHERE attempt = 3 AND status IN ('FAILED', 'TIMED_OUT', 'LOST')"))
          .isEqualTo(marker.deadLetters());
      // 3 lines per run, 103 for every hundredth.
      assertThat(
              Subject.count(
                  c,
                  "SELECT COUNT(*) FROM (SELECT run_id, COUNT(*) n FROM "
                      + S
                      + ".job_run_logs GROUP BY run_id) x WHERE n NOT IN (3, 103)"))
          .isZero();
      assertThat(
              Subject.count(
                  c,
                  "SELECT COUNT(*) FROM (SELECT run_id FROM "
                      + S
                      + ".job_run_logs GROUP BY run_id HAVING COUNT(*) = 103) x"))
          .isEqualTo(SIZES.runs() / 100);
    }
  }

  @Test
  void has_the_distributions_of_the_postgresql_seed() throws Exception {
    try (Connection c = seed.database().connect()) {
      double runs = SIZES.runs();
      assertThat(count(c, "job_runs WHERE status = 'SUCCEEDED'") / runs)
          .isCloseTo(0.93, within(0.01));
      assertThat(count(c, "job_runs WHERE status = 'FAILED'") / runs)
          .isCloseTo(0.04, within(0.005));
      assertThat(count(c, "job_runs WHERE status = 'LOST'") / runs).isCloseTo(0.005, within(0.002));
      assertThat(
              count(c, "job_runs WHERE status IN ('CANCELLED', 'SKIPPED') AND started_at IS NULL")
                  / runs)
          .isCloseTo(0.015, within(0.003));
      double jobs = SIZES.jobs();
      assertThat(count(c, "jobs WHERE status = 'ACTIVE'") / jobs).isCloseTo(0.85, within(0.03));
      assertThat(count(c, "job_schedules WHERE schedule_type = 'CRON'") / jobs)
          .isCloseTo(0.6, within(0.04));
      // Skew: the first user owns about sqrt(1/users) of the jobs, the oldest job has the most
      // runs.
      assertThat(ownerShare(c, "jobs", "owner_id", "users") * 1.0).isGreaterThan(0.2);
      assertThat(
              Subject.count(
                  c,
                  "SELECT COUNT(*) FROM "
                      + S
                      + ".job_runs WHERE job_id = (SELECT MIN(id) FROM "
                      + S
                      + ".jobs)"))
          .isGreaterThan((long) (runs * 0.02));
    }
  }

  @Test
  void keys_are_in_time_order() throws Exception {
    try (Connection c = seed.database().connect();
        Statement s = c.createStatement()) {
      HistorySeedH2.checkOrder(c);
      // Log lines too: by run, then line.
      try (ResultSet rs =
          s.executeQuery("SELECT id, logged_at FROM " + S + ".job_run_logs ORDER BY id")) {
        Instant previous = Instant.EPOCH;
        while (rs.next()) {
          Instant at = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
          assertThat(at).isAfterOrEqualTo(previous);
          previous = at;
        }
      }
    }
  }

  @Test
  void indexes_and_constraints_are_the_migrations_ones() throws Exception {
    PunctualityH2 fresh = PunctualityH2.fresh(dir, "migrated", PunctualityH2.EMBEDDED);
    try (HikariDataSource pool = fresh.pool(2, "migrated");
        Chronos node = Chronos.builder().dataSource(pool).schema(S).nodeId("migrated").build();
        Connection migrated = pool.getConnection();
        Connection seeded = seed.database().connect()) {
      List<String> expected = HistoryH2Indexes.schemaDefinitions(migrated);
      assertThat(expected).anyMatch(d -> d.contains("FK_JOB_RUNS_JOB_INDEX_"));
      assertThat(HistoryH2Indexes.schemaDefinitions(seeded)).isEqualTo(expected);
      // An ordinary file: the load's settings are back to H2's defaults.
      assertThat(settings(seeded)).isEqualTo(settings(migrated));
      // Only the marker is left of the seed's helpers.
      assertThat(
              Subject.count(
                  seeded,
                  "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = '"
                      + HistorySeed.SEED_SCHEMA.toUpperCase(java.util.Locale.ROOT)
                      + "'"))
          .isEqualTo(1);
    } finally {
      fresh.delete();
    }
  }

  @Test
  void a_matching_marker_is_reused_and_another_size_is_not() throws Exception {
    assertThat(seed.existing()).contains(marker);
    assertThat(
            new HistorySeedH2(dir, "history", new HistorySeed.Sizes(10, 1_000, 30_000)).existing())
        .isEmpty();
    assertThat(new HistorySeedH2(dir, "absent", SIZES).existing()).isEmpty();
  }

  @Test
  void the_scenario_measures_every_query_on_the_seed() throws Exception {
    HistoryTarget target =
        new HistoryTarget(Db.H2, BenchConfig.fromSystemProperties(), "history", SIZES, dir);
    Section section = HistoryScenario.run(target, 0, 3);
    assertThat(section.goals()).isEmpty();
    assertThat(section.markdown())
        .contains("### Scenario 5: history at scale, on an H2 file")
        .contains("this run reused the seed")
        .contains("| SQL: a user's active jobs (page 1) |")
        .contains("| SQL: a job's runs with their logs (page 1) |")
        .contains("| SQL: dead letters of the last 24 h |")
        .contains("| API: runs().logs, USER (page 2) |")
        .contains("| API: deadLetters().list, USER (page 1) |");
    assertThat(section.markdown().lines().filter(l -> l.startsWith("| API: ")).count())
        .isEqualTo(9);
  }

  @Test
  void the_h2_key_sample_is_time_spread_and_repeatable() throws Exception {
    HistoryTarget target =
        new HistoryTarget(Db.H2, BenchConfig.fromSystemProperties(), "history", SIZES, dir);
    try (Connection c = seed.database().connect()) {
      Map<String, String> first = target.sampleRuns(c, SIZES.runs());
      assertThat(first).hasSizeGreaterThan(1_000);
      assertThat(target.sampleRuns(c, SIZES.runs())).isEqualTo(first);
    }
  }

  /** The database's persistent settings, without the informational and JVM ones. */
  private static Map<String, String> settings(Connection c) throws Exception {
    Map<String, String> out = new java.util.TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE"
                    + " SETTING_NAME NOT LIKE 'info.%' AND SETTING_NAME NOT LIKE 'property.%'")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  private static long count(Connection c, String tableAndWhere) throws Exception {
    return Subject.count(c, "SELECT COUNT(*) FROM " + S + "." + tableAndWhere);
  }

  /** The share of the rows of a table that belong to the first (oldest) user. */
  private static double ownerShare(Connection c, String table, String column, String users)
      throws Exception {
    long first =
        Subject.count(
            c,
            "SELECT COUNT(*) FROM "
                + S
                + "."
                + table
                + " WHERE "
                + column
                + " = (SELECT MIN(id) FROM "
                + S
                + "."
                + users
                + " WHERE id <> '00000000000000000000000000')");
    return (double) first / count(c, table);
  }
}
