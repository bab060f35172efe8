package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL seed of scenario 5 at a small size, in chunks small enough that both connections
 * load several each: every row arrives once, the keys and indexes come back exactly as the
 * migrations made them (the seed checks that itself and fails otherwise), and a second look finds
 * the seed's marker.
 */
@Tag("services")
class HistorySeedPostgresTest {
  private static final String DATABASE = "chronos_bench_history_test";
  private static final HistorySeed.Sizes SIZES = new HistorySeed.Sizes(20, 400, 20_000);
  private static BenchConfig config;
  private static HistorySeed.Marker marker;

  @BeforeAll
  static void seed() throws Exception {
    config = BenchConfig.fromSystemProperties();
    // 20,000 runs in chunks of 3,000: 7 chunks per step, the last one short.
    marker = new HistorySeed(config, DATABASE, SIZES, 3_000).seed();
  }

  @AfterAll
  static void drop() throws Exception {
    Subject.execute(config.maintenanceUrl(), "DROP DATABASE IF EXISTS " + DATABASE);
  }

  @Test
  void every_run_log_line_and_dead_letter_is_loaded_once() throws Exception {
    HistorySeed seed = new HistorySeed(config, DATABASE, SIZES);
    try (Connection c = DriverManager.getConnection(seed.url())) {
      assertThat(count(c, "SELECT COUNT(*) FROM chronos.job_runs")).isEqualTo(SIZES.runs());
      assertThat(count(c, "SELECT COUNT(DISTINCT id) FROM chronos.job_run_logs"))
          .isEqualTo(SIZES.logs());
      // The migrations' system user comes on top.
      assertThat(
              count(
                  c, "SELECT COUNT(*) FROM chronos.users WHERE id <> '00000000000000000000000000'"))
          .isEqualTo(SIZES.users());
      assertThat(count(c, "SELECT COUNT(*) FROM chronos.jobs")).isEqualTo(SIZES.jobs());
      // Every dead letter belongs to a third attempt that failed, timed out or was lost.
      assertThat(marker.deadLetters()).isPositive();
      assertThat(
              count(
                  c,
                  "SELECT COUNT(*) FROM chronos.job_runs WHERE attempt = 3"
                      + " AND status IN ('FAILED', 'TIMED_OUT', 'LOST')"))
          .isEqualTo(marker.deadLetters());
      // The foreign keys came back validated: no log line without its run.
      assertThat(
              count(
                  c,
                  "SELECT COUNT(*) FROM pg_constraint k JOIN pg_namespace n"
                      + " ON n.oid = k.connamespace WHERE n.nspname = 'chronos'"
                      + " AND k.conname IN ('fk_job_run_logs_run', 'fk_dlq_events_run',"
                      + " 'fk_job_runs_job') AND k.convalidated"))
          .isEqualTo(3);
    }
    assertThat(marker.logs()).isEqualTo(SIZES.logs());
  }

  @Test
  void a_second_run_finds_the_seed_and_a_different_size_does_not() throws Exception {
    Optional<HistorySeed.Marker> again = new HistorySeed(config, DATABASE, SIZES).existing();
    assertThat(again).isPresent();
    assertThat(again.get().sizes()).isEqualTo(SIZES);
    assertThat(again.get().steps()).contains("load (wall)").contains("indexes and keys");
    assertThat(new HistorySeed(config, DATABASE, new HistorySeed.Sizes(20, 400, 30_000)).existing())
        .isEmpty();
  }

  private static long count(Connection c, String sql) throws Exception {
    return Subject.count(c, sql);
  }
}
