package io.chronos.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The database a round of scenario 3 or 4 runs on: the scenario's own PostgreSQL database, or a
 * fresh H2 file. Also runs a scenario's rounds on each, and adds the H2 variant to its section.
 */
record ScenarioTarget(Db db, BenchConfig config, PunctualityH2 h2) {

  /** One round of a scenario on a target. */
  @FunctionalInterface
  interface RoundRunner<R> {
    R run(ScenarioTarget target, int round) throws Exception;
  }

  HikariDataSource pool(int size, String name) {
    return db.postgres() ? PunctualityScenario.pool(config, size, name) : h2.pool(size, name);
  }

  Connection connect() throws SQLException {
    return db.postgres() ? DriverManager.getConnection(config.adminUrl()) : h2.connect();
  }

  /** The JDBC URL another JVM opens this database with. */
  String url() {
    return db.postgres() ? config.jdbcUrl() : h2.url();
  }

  String user() {
    return db.postgres() ? config.user() : PunctualityH2.USER;
  }

  /** The rounds on PostgreSQL, in {@code database} (created first, dropped after). */
  static <R> List<R> onPostgres(
      BenchConfig config, String database, int rounds, RoundRunner<R> runner) throws Exception {
    BenchConfig db = config.withDatabase(database);
    BenchMain.createDatabase(db);
    List<R> results = new ArrayList<>();
    try {
      for (int round = 1; round <= rounds; round++) {
        results.add(runner.run(new ScenarioTarget(Db.POSTGRESQL, db, null), round));
      }
    } finally {
      BenchMain.dropDatabase(db);
    }
    return results;
  }

  /** The rounds on H2, each on a fresh file (deleted after) opened with {@code settings}. */
  static <R> List<R> onH2(
      BenchConfig config, String file, String settings, int rounds, RoundRunner<R> runner)
      throws Exception {
    List<R> results = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      PunctualityH2 h2 = PunctualityH2.fresh(config.h2Dir(), file, settings);
      try {
        results.add(runner.run(new ScenarioTarget(Db.H2, null, h2), round));
      } finally {
        h2.delete();
      }
    }
    return results;
  }

  /**
   * The PostgreSQL section, followed by the H2 one when {@code bench.databases} names H2. The goal
   * stays PostgreSQL's: issue #6 states it for PostgreSQL; the H2 figures are informational.
   */
  static Section withH2(BenchConfig config, Section postgres, Callable<Section> h2)
      throws Exception {
    if (!config.databases().contains(Db.H2.id)) {
      return postgres;
    }
    return new Section(postgres.markdown() + h2.call().markdown(), postgres.goals());
  }
}
