package io.chronos.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.chronos.Chronos;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scenario 5's database on an H2 file: migrated by a Chronos node, seeded in bulk SQL
 * (history-seed-h2.sql: the rows of the PostgreSQL seed, with the same formulas) and kept between
 * runs outside {@code target/}, so that {@code mvn clean} keeps a multi-GB seed. A marker table
 * records the seed's version and sizes; a run reuses a seed whose marker matches and otherwise
 * deletes the file and seeds it again.
 */
final class HistorySeedH2 {
  /** Bump when history-seed-h2.sql changes what it generates. */
  static final int VERSION = 1;

  static final String CHRONOS_SCHEMA = HistorySeed.CHRONOS_SCHEMA;
  static final String SEED_SCHEMA = HistorySeed.SEED_SCHEMA;

  /** Runs per statement of the steps over runs (job_runs, job_run_logs, dlq_events). */
  static final long CHUNK = 250_000;

  /** H2's default RETENTION_TIME, which the load turns off for its duration. */
  static final int DEFAULT_RETENTION_MS = 45_000;

  /** Bytes of file per run and per log line, indexes included (measured; with a margin). */
  static final double BYTES_PER_RUN = 700;

  static final double BYTES_PER_LOG = 300;

  private final PunctualityH2 h2;
  private final HistorySeed.Sizes sizes;

  HistorySeedH2(Path dir, String name, HistorySeed.Sizes sizes) {
    this.h2 = new PunctualityH2(dir.resolve(name), PunctualityH2.EMBEDDED);
    this.sizes = sizes;
  }

  /** The file database, opened with the settings the scenario uses. */
  PunctualityH2 database() {
    return h2;
  }

  Path dataFile() {
    return h2.file().resolveSibling(h2.file().getFileName() + ".mv.db");
  }

  /** The marker of a complete seed of this version and these sizes, if the file has one. */
  Optional<HistorySeed.Marker> existing() throws SQLException {
    if (!Files.exists(dataFile())) {
      return Optional.empty();
    }
    try (Connection c = h2.connect()) {
      return HistoryMarkerTable.read(c, SEED_SCHEMA, VERSION, sizes);
    }
  }

  /**
   * Deletes the file, migrates a new one with a Chronos node, loads it, rebuilds the secondary
   * indexes and keys of the big tables, checks them and the key order, writes the marker and shuts
   * the database down, so that the scenario opens an ordinary file.
   */
  HistorySeed.Marker seed() throws Exception {
    HistoryScenario.log("seeding %s: %s, %,d log lines", h2.file(), sizes, sizes.logs());
    Files.createDirectories(h2.file().getParent());
    h2.delete();
    checkDisk();
    long start = System.nanoTime();
    try (HikariDataSource pool = h2.pool(2, "history-seed-h2");
        Chronos node =
            Chronos.builder()
                .dataSource(pool)
                .schema(CHRONOS_SCHEMA)
                .nodeId("history-seed-h2")
                .build()) {
      HistoryScenario.log("schema migrated by a Chronos node");
    }
    Instant end = Instant.ofEpochMilli(System.currentTimeMillis());
    Map<String, Double> steps = new LinkedHashMap<>();
    try (Connection c = h2.connect();
        Statement s = c.createStatement()) {
      // Stream query results instead of buffering them (the order check reads whole tables).
      s.execute("SET LAZY_QUERY_EXECUTION TRUE");
      // Rewritten pages may be overwritten at once instead of kept 45 s for readers that do not
      // exist during the load: the file stays near its live size. Persistent: set back below.
      s.execute("SET RETENTION_TIME 0");
      s.execute("CREATE SCHEMA " + SEED_SCHEMA);
      List<String> before = HistoryH2Indexes.schemaDefinitions(c);
      HistoryH2Indexes.Deferred deferred = null;
      for (Map.Entry<String, String> step : steps(end).entrySet()) {
        if (step.getKey().equals("job_runs")) {
          deferred = HistoryH2Indexes.dropDeferred(c, h2);
        }
        if (step.getKey().equals("job_run_logs")) {
          // job_runs' deferred indexes are built meanwhile, on the machine's other core; the log
          // lines' foreign key would make each insert wait for job_runs' lock, so it is checked
          // once after the load instead of once per line.
          s.execute(
              "ALTER TABLE " + CHRONOS_SCHEMA + ".job_run_logs SET REFERENTIAL_INTEGRITY FALSE");
          deferred.start();
        }
        long t0 = System.nanoTime();
        run(c, step.getValue());
        time(steps, step.getKey(), t0);
      }
      steps.put("indexes and keys (during job_run_logs)", deferred.join());
      long t1 = System.nanoTime();
      s.execute(
          "ALTER TABLE " + CHRONOS_SCHEMA + ".job_run_logs SET REFERENTIAL_INTEGRITY TRUE CHECK");
      time(steps, "job_run_logs' foreign key check", t1);
      List<String> after = HistoryH2Indexes.schemaDefinitions(c);
      if (!after.equals(before)) {
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<String> missing = new ArrayList<>(before);
        missing.removeAll(after);
        throw new IllegalStateException(
            "indexes or constraints differ from the migrations' after the load: "
                + added
                + " instead of "
                + missing);
      }
      long t0 = System.nanoTime();
      // H2 analyzes a table by itself only after enough changes; the load's last batches would
      // otherwise leave the selectivity of the rebuilt indexes unknown to the planner.
      s.execute("ANALYZE");
      time(steps, "analyze", t0);
      t0 = System.nanoTime();
      checkOrder(c);
      time(steps, "checks", t0);
      // The helper functions and tables go: an alias would need this class on the class path of
      // whoever opens the file. The seed's schema keeps the marker only.
      s.execute("DROP SCHEMA " + SEED_SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SEED_SCHEMA);
      double seconds = (System.nanoTime() - start) / 1e9;
      HistorySeed.Marker marker =
          new HistorySeed.Marker(
              VERSION,
              sizes,
              count(c, CHRONOS_SCHEMA + ".job_run_logs"),
              count(c, CHRONOS_SCHEMA + ".dlq_events"),
              end,
              seconds,
              HistoryMarkerTable.summary(steps),
              // The marker table keeps microseconds: the marker read back equals this one.
              Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      HistoryMarkerTable.write(c, SEED_SCHEMA, marker);
      s.execute("SET RETENTION_TIME " + DEFAULT_RETENTION_MS);
      HistoryScenario.log("seeded in %.1f s (%s)", seconds, marker.steps());
      s.execute("SHUTDOWN");
      HistoryScenario.log(
          "%s: %.2f GiB", dataFile().getFileName(), Files.size(dataFile()) / 1073741824.0);
      return marker;
    }
  }

  /** A step: its statements, or its one statement once per chunk of runs (its two parameters). */
  private void run(Connection c, String sql) throws SQLException {
    if (!sql.contains("SYSTEM_RANGE(?, ?)")) {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (long from = 0; from < sizes.runs(); from += CHUNK) {
        ps.setLong(1, from);
        ps.setLong(2, Math.min(from + CHUNK, sizes.runs()) - 1);
        ps.executeUpdate();
      }
    }
  }

  private static void time(Map<String, Double> steps, String name, long t0) {
    double seconds = (System.nanoTime() - t0) / 1e9;
    steps.put(name, seconds);
    HistoryScenario.log("  %-20s %7.1f s (JVM CPU so far %.0f s)", name, seconds, cpuSeconds());
  }

  static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /**
   * The steps of history-seed-h2.sql with the placeholders filled in, by name, in order; the step
   * "run plan" is pasted into the others, not run.
   */
  Map<String, String> steps(Instant end) throws IOException {
    Map<String, String> steps = HistorySeed.split(HistorySeedScript.read("history-seed-h2.sql"));
    Map<String, String> values = new LinkedHashMap<>();
    // First, so that the placeholders of the pasted text are filled too.
    values.put("run_plan", steps.remove("run plan"));
    values.putAll(HistorySeedScript.placeholders(sizes, end));
    values.put("epoch", "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'");
    Map<String, String> filled = new LinkedHashMap<>();
    steps.forEach((name, text) -> filled.put(name, HistorySeed.fill(text, values)));
    return filled;
  }

  /**
   * Keyset paging needs key order = time order: no run, dead letter or job out of order, every key
   * 26 characters. Read in key order and compared in Java (a window function would make H2 hold the
   * whole table in memory).
   */
  static void checkOrder(Connection c) throws SQLException {
    for (String table : List.of("job_runs", "dlq_events", "jobs")) {
      long bad = 0;
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT id, created_at FROM " + CHRONOS_SCHEMA + "." + table + " ORDER BY id")) {
        java.time.OffsetDateTime previous = null;
        while (rs.next()) {
          java.time.OffsetDateTime at = rs.getObject(2, java.time.OffsetDateTime.class);
          if (rs.getString(1).length() != 26 || (previous != null && at.isBefore(previous))) {
            bad++;
          }
          previous = at;
        }
      }
      if (bad != 0) {
        throw new IllegalStateException(bad + " rows of " + table + " out of time order");
      }
    }
  }

  /** Refuses to seed when the file's disk has less than twice the estimated size free. */
  private void checkDisk() throws IOException {
    FileStore store = Files.getFileStore(h2.file().getParent());
    double free = store.getUsableSpace() / 1073741824.0;
    double need = (sizes.runs() * BYTES_PER_RUN + sizes.logs() * BYTES_PER_LOG) / 1073741824.0;
    HistoryScenario.log(
        "disk: %.1f GiB free of %.1f GiB, the seed needs about %.1f GiB",
        free, store.getTotalSpace() / 1073741824.0, need);
    if (free < 2 * need + 1) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "%.1f GiB free in %s, the H2 seed needs about %.1f GiB (and as much again while it"
                  + " is written): not seeding; free space or set bench.history.h2dir",
              free,
              h2.file().getParent(),
              need));
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    return Subject.count(c, "SELECT COUNT(*) FROM " + table);
  }
}
