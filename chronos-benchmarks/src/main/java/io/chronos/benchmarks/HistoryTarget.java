package io.chronos.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The database scenario 5 measures: its own PostgreSQL database, or an H2 file kept in {@code
 * bench.history.h2dir}; its seed, its pool and the few reads that need each database's own SQL.
 */
record HistoryTarget(
    Db db, BenchConfig config, String database, HistorySeed.Sizes sizes, Path h2Dir) {

  /** How many runs the key sample aims at (runs().logs draws from them). */
  static final int SAMPLE_RUNS = 5_000;

  /** The seed a run measures, and whether the run found it in place. */
  record Seeded(HistorySeed.Marker marker, boolean reused) {}

  /** Where the H2 seeds live by default: outside target/, so that mvn clean keeps them. */
  static Path defaultH2Dir(Path root) {
    return root.resolve("chronos-benchmarks/bench-data");
  }

  static Path h2Dir(BenchConfig config) {
    String dir = System.getProperty("bench.history.h2dir");
    Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
    return dir != null ? Path.of(dir).toAbsolutePath().normalize() : defaultH2Dir(root);
  }

  HistorySeedH2 h2Seed() {
    return new HistorySeedH2(h2Dir, database, sizes);
  }

  /** "database `x` on PostgreSQL" or "H2 file `…/x.mv.db`", for the log and the report. */
  String where() {
    return db.postgres()
        ? "database `" + database + "` on PostgreSQL"
        : "H2 file `" + h2Seed().dataFile() + "`";
  }

  /** Reuses a matching seed unless told to reseed; seeds otherwise. */
  Seeded seed(boolean reseed) throws Exception {
    if (db.postgres()) {
      HistorySeed seed = new HistorySeed(config, database, sizes);
      return seedOrReuse(reseed, seed::existing, seed::seed);
    }
    HistorySeedH2 seed = h2Seed();
    return seedOrReuse(reseed, seed::existing, seed::seed);
  }

  private Seeded seedOrReuse(
      boolean reseed,
      Callable<Optional<HistorySeed.Marker>> existing,
      Callable<HistorySeed.Marker> seed)
      throws Exception {
    Optional<HistorySeed.Marker> found = reseed ? Optional.empty() : existing.call();
    if (found.isEmpty()) {
      return new Seeded(seed.call(), false);
    }
    HistoryScenario.log(
        "reusing the seed in %s from %s (seeded in %.0f s)",
        where(), found.get().seededAt(), found.get().seedSeconds());
    return new Seeded(found.get(), true);
  }

  HikariDataSource pool(int size, String name) {
    if (!db.postgres()) {
      return h2Seed().database().pool(size, name);
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.server() + database);
    hc.setUsername(config.user());
    hc.setMaximumPoolSize(size);
    hc.setPoolName(name);
    return new HikariDataSource(hc);
  }

  /** Closes the H2 file (DB_CLOSE_DELAY=-1 keeps it open after the pool); nothing on PostgreSQL. */
  void close() throws SQLException {
    if (!db.postgres()) {
      try (Connection c = h2Seed().database().connect();
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
  }

  /**
   * About {@link #SAMPLE_RUNS} runs (id, job id) in key order, the same on every run of the seed.
   * PostgreSQL: a 0.1 % {@code TABLESAMPLE SYSTEM} (repeatable). H2 has no TABLESAMPLE: for times
   * drawn with a fixed seed between the first and the last run, the first run at or after each
   * (keys are time-ordered, so each is one primary-key seek).
   */
  Map<String, String> sampleRuns(Connection c, long runCount) throws SQLException {
    String s = HistorySeed.CHRONOS_SCHEMA;
    Map<String, String> out = new TreeMap<>();
    if (db.postgres()) {
      double percent = Math.min(100.0, 100.0 * SAMPLE_RUNS / runCount);
      String sql =
          String.format(
              Locale.ROOT,
              "SELECT id, job_id FROM %s.job_runs TABLESAMPLE SYSTEM (%.4f) REPEATABLE (42)",
              s,
              percent);
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
      return out;
    }
    long first = runTime(c, "");
    long last = runTime(c, " DESC");
    Random random = new Random(42);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, job_id FROM " + s + ".job_runs WHERE id >= ? ORDER BY id LIMIT 1")) {
      for (int i = 0; i < SAMPLE_RUNS; i++) {
        long ms = first + (long) (random.nextDouble() * (last - first));
        ps.setString(1, HistoryUlid.encode(ms, 0));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
      }
    }
    return out;
  }

  /** The creation time of the first (or, with " DESC", the last) run in key order. */
  private static long runTime(Connection c, String order) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT created_at FROM "
                    + HistorySeed.CHRONOS_SCHEMA
                    + ".job_runs ORDER BY id"
                    + order
                    + " LIMIT 1")) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
    }
  }

  /**
   * The tables' sizes. PostgreSQL: each table's and its indexes' size. H2 keeps every table and
   * index in one file and tells the size of a table only by reading all its pages ({@code
   * DISK_SPACE_USED}, minutes on the full seed): the file's size.
   */
  String tableSizes(Connection c) throws Exception {
    if (!db.postgres()) {
      return String.format(
          Locale.ROOT,
          "the file %.2f GiB (tables and indexes)",
          Files.size(h2Seed().dataFile()) / 1073741824.0);
    }
    StringBuilder out = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.relname, pg_size_pretty(pg_table_size(c.oid)),"
                    + " pg_size_pretty(pg_indexes_size(c.oid)) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '"
                    + HistorySeed.CHRONOS_SCHEMA
                    + "' AND c.relname IN ('users', 'jobs', 'job_schedules', 'job_payloads',"
                    + " 'job_runs', 'job_run_logs', 'dlq_events') ORDER BY c.relname")) {
      while (rs.next()) {
        out.append(out.length() == 0 ? "" : ", ")
            .append('`')
            .append(rs.getString(1))
            .append("` ")
            .append(rs.getString(2))
            .append(" + ")
            .append(rs.getString(3))
            .append(" indexes");
      }
    }
    return out.toString();
  }

  /** EXPLAIN that runs the query and shows what it read. */
  String explain() {
    return db.postgres() ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ";
  }
}
