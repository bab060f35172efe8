package io.chronos.benchmarks;

import io.chronos.Chronos;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database of scenario 5: created once, seeded in bulk SQL (history-seed.sql) and kept between
 * runs. A marker table records the seed's version and sizes; a run reuses a seed whose marker
 * matches and otherwise drops the database and seeds it again.
 */
final class HistorySeed {
  /** Bump when history-seed.sql changes what it generates. */
  static final int VERSION = 3;

  /** The suffix of a step of history-seed.sql that runs in chunks of run numbers. */
  static final String CHUNKED = " [chunked]";

  /** Runs per chunk of a chunked step. */
  static final long CHUNK_RUNS = 250_000;

  /** Connections loading chunks and building indexes at the same time. */
  static final int CONNECTIONS = 2;

  static final String CHRONOS_SCHEMA = "chronos";
  static final String SEED_SCHEMA = "history_seed";

  /** Sizes of a seed. Log lines are 4 per run (3 for most runs, 103 for every hundredth). */
  record Sizes(long users, long jobs, long runs) {
    Sizes {
      if (users < 2 || jobs < users || runs < jobs || runs % 100 != 0) {
        throw new IllegalArgumentException(
            "need users >= 2, jobs >= users, runs >= jobs, runs a multiple of 100: " + this);
      }
    }

    long logs() {
      return (runs / 100) * 103 + (runs - runs / 100) * 3;
    }

    /** ADMIN users (the first ones): 1 %, at least 1. */
    long admins() {
      return Math.max(1, users / 100);
    }

    /**
     * These sizes divided by {@code divisor} (runs rounded down to a multiple of 100): what the H2
     * variant seeds by default, because H2 inserts some 25 times slower than PostgreSQL loads.
     */
    Sizes dividedBy(int divisor) {
      if (divisor < 1) {
        throw new IllegalArgumentException("divisor must be at least 1, not " + divisor);
      }
      return new Sizes(users / divisor, jobs / divisor, runs / divisor / 100 * 100);
    }

    static Sizes full() {
      return new Sizes(1_000, 100_000, 5_000_000);
    }

    static Sizes quick() {
      return new Sizes(10, 1_000, 20_000);
    }
  }

  /** What the marker table says about a finished seed. */
  record Marker(
      int version,
      Sizes sizes,
      long logs,
      long deadLetters,
      Instant end,
      double seedSeconds,
      String steps,
      Instant seededAt) {}

  private final BenchConfig config;
  private final String database;
  private final Sizes sizes;
  private final long chunkRuns;

  HistorySeed(BenchConfig config, String database, Sizes sizes) {
    this(config, database, sizes, CHUNK_RUNS);
  }

  HistorySeed(BenchConfig config, String database, Sizes sizes, long chunkRuns) {
    if (chunkRuns < 1) {
      throw new IllegalArgumentException("chunkRuns must be at least 1, not " + chunkRuns);
    }
    this.config = config;
    this.database = database;
    this.sizes = sizes;
    this.chunkRuns = chunkRuns;
  }

  String url() {
    return config.server() + database + "?user=" + config.user();
  }

  PGSimpleDataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(config.server() + database);
    ds.setUser(config.user());
    return ds;
  }

  /** The marker of a complete seed of this version and these sizes, if the database has one. */
  Optional<Marker> existing() throws SQLException {
    try (Connection c = DriverManager.getConnection(config.maintenanceUrl());
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
      }
    }
    try (Connection c = DriverManager.getConnection(url())) {
      return HistoryMarkerTable.read(c, SEED_SCHEMA, VERSION, sizes);
    }
  }

  /** Drops and re-creates the database, migrates it with a Chronos node, seeds it, vacuums it. */
  Marker seed() throws Exception {
    HistoryScenario.log("seeding %s: %s, %,d log lines", database, sizes, sizes.logs());
    double free = disk();
    // About 550 bytes a run and 270 a log line with their indexes (measured on the quick seed),
    // plus WAL; refuse unless twice that and 5 GiB more are free.
    double need = (sizes.runs() * 550.0 + sizes.logs() * 270.0) / 1073741824.0;
    if (free >= 0 && free < 2 * need + 5) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "%.1f GiB free, the seed needs about %.1f GiB: not seeding",
              free,
              need));
    }
    HistoryScenario.log("dropping and creating database %s", database);
    Subject.execute(config.maintenanceUrl(), "DROP DATABASE IF EXISTS " + database);
    Subject.execute(config.maintenanceUrl(), "CREATE DATABASE " + database);
    long start = System.nanoTime();
    // Building a node runs the Flyway migrations; it is never started, so it fires nothing.
    try (Chronos node =
        Chronos.builder()
            .dataSource(dataSource())
            .schema(CHRONOS_SCHEMA)
            .nodeId("history-seed")
            .build()) {
      HistoryScenario.log("schema migrated by a Chronos node");
    }
    Instant end = Instant.ofEpochMilli(System.currentTimeMillis());
    Map<String, Double> steps = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      configure(c);
      s.execute("CREATE SCHEMA " + SEED_SCHEMA);
      s.execute(HistoryUlid.sqlFunction(SEED_SCHEMA));
      checkUlidFunction(c);
      List<String> before = schemaDefinitions(c);
      Map<String, String> script = steps(end);
      List<Task> load = new ArrayList<>();
      for (Map.Entry<String, String> step : script.entrySet()) {
        if (step.getKey().endsWith(CHUNKED)) {
          String name = step.getKey().substring(0, step.getKey().length() - CHUNKED.length());
          for (long lo = 0; lo < sizes.runs(); lo += chunkRuns) {
            load.add(Task.chunk(name, step.getValue(), lo, Math.min(sizes.runs(), lo + chunkRuns)));
          }
        } else if (!load.isEmpty()) {
          throw new IllegalStateException("step " + step.getKey() + " follows a chunked step");
        } else {
          long t0 = System.nanoTime();
          s.execute(step.getValue());
          steps.put(step.getKey(), (System.nanoTime() - t0) / 1e9);
          HistoryScenario.log("  %-20s %7.1f s", step.getKey(), steps.get(step.getKey()));
        }
      }
      List<String> recreate = dropKeysAndIndexes(c, List.of("job_runs", "job_run_logs"));
      steps.putAll(runInParallel("load", load));
      // Indexes and keys first, foreign keys after them (they need the referenced keys).
      List<Task> indexes = new ArrayList<>();
      List<Task> foreignKeys = new ArrayList<>();
      for (String statement : recreate) {
        if (statement.contains(" FOREIGN KEY ")) {
          foreignKeys.add(Task.statement("foreign keys", statement));
        } else {
          indexes.add(Task.statement("indexes and keys", statement));
        }
      }
      steps.putAll(runInParallel("indexes and keys", indexes));
      steps.putAll(runInParallel("foreign keys", foreignKeys));
      List<String> after = schemaDefinitions(c);
      if (!after.equals(before)) {
        List<String> missing = new ArrayList<>(before);
        missing.removeAll(after);
        List<String> extra = new ArrayList<>(after);
        extra.removeAll(before);
        throw new IllegalStateException(
            "indexes or constraints differ from the migrations' after the load: missing "
                + missing
                + ", instead "
                + extra);
      }
      // autovacuum is off on this server: statistics for the planner, and the visibility map so
      // that index-only scans need no heap visits. The largest tables first.
      List<Task> vacuum = new ArrayList<>();
      for (String table :
          List.of(
              "job_run_logs",
              "job_runs",
              "users",
              "jobs",
              "job_schedules",
              "job_payloads",
              "dlq_events")) {
        vacuum.add(
            Task.statement("vacuum analyze", "VACUUM (ANALYZE) " + CHRONOS_SCHEMA + "." + table));
      }
      steps.putAll(runInParallel("vacuum analyze", vacuum));
      long t0 = System.nanoTime();
      checkOrder(c);
      steps.put("checks", (System.nanoTime() - t0) / 1e9);
      double seconds = (System.nanoTime() - start) / 1e9;
      long logs = count(c, "SELECT COUNT(*) FROM " + CHRONOS_SCHEMA + ".job_run_logs");
      long dead = count(c, "SELECT COUNT(*) FROM " + CHRONOS_SCHEMA + ".dlq_events");
      String summary = HistoryMarkerTable.summary(steps);
      Marker marker = new Marker(VERSION, sizes, logs, dead, end, seconds, summary, Instant.now());
      HistoryMarkerTable.write(c, SEED_SCHEMA, marker);
      HistoryScenario.log("seeded in %.1f s (%s)", seconds, summary);
      disk();
      return marker;
    }
  }

  /**
   * Drops the keys, unique constraints and non-partial indexes of the given tables and every
   * foreign key from or to them, and returns the statements that re-create exactly those: keys,
   * unique constraints and indexes first, then the foreign keys. Two connections load chunks of 5
   * million runs and 20 million log lines side by side, so rows arrive out of key order, and every
   * index would take inserts at random places and every row a foreign-key check; building them
   * afterwards by sorting is several times faster. Partial indexes stay: they cover only QUEUED,
   * HELD or RUNNING runs, of which the seed has none, and PostgreSQL prints a re-created predicate
   * differently from the migration's. {@link #schemaDefinitions} proves the result identical.
   */
  static List<String> dropKeysAndIndexes(Connection c, List<String> tables) throws SQLException {
    List<String> keys = new ArrayList<>();
    List<String> foreignKeys = new ArrayList<>();
    List<String> dropKeys = new ArrayList<>();
    List<String> dropForeignKeys = new ArrayList<>();
    List<String> indexes = new ArrayList<>();
    List<String> dropIndexes = new ArrayList<>();
    String in = "ARRAY['" + String.join("', '", tables) + "']";
    try (Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT t.relname, k.conname, k.contype, pg_get_constraintdef(k.oid)"
                  + " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
                  + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                  + " LEFT JOIN pg_class r ON r.oid = k.confrelid"
                  + " WHERE n.nspname = '"
                  + CHRONOS_SCHEMA
                  + "' AND ((t.relname = ANY ("
                  + in
                  + ") AND k.contype IN ('p', 'u', 'f'))"
                  + " OR (r.relname = ANY ("
                  + in
                  + ") AND k.contype = 'f')) ORDER BY k.contype DESC, t.relname, k.conname")) {
        while (rs.next()) {
          String table = CHRONOS_SCHEMA + "." + rs.getString(1);
          String add =
              "ALTER TABLE " + table + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(4);
          String drop = "ALTER TABLE " + table + " DROP CONSTRAINT " + rs.getString(2);
          boolean foreign = "f".equals(rs.getString(3));
          (foreign ? foreignKeys : keys).add(add);
          (foreign ? dropForeignKeys : dropKeys).add(drop);
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT x.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                  + " JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                  + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = '"
                  + CHRONOS_SCHEMA
                  + "' AND t.relname = ANY ("
                  + in
                  + ") AND i.indpred IS NULL AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
                  + " WHERE k.conindid = i.indexrelid AND k.conrelid = t.oid) ORDER BY x.relname")) {
        while (rs.next()) {
          indexes.add(rs.getString(2));
          dropIndexes.add("DROP INDEX " + CHRONOS_SCHEMA + "." + rs.getString(1));
        }
      }
      // Foreign keys first: they rest on the keys.
      for (List<String> drops : List.of(dropForeignKeys, dropKeys, dropIndexes)) {
        for (String drop : drops) {
          s.execute(drop);
        }
      }
    }
    List<String> recreate = new ArrayList<>(keys);
    recreate.addAll(indexes);
    recreate.addAll(foreignKeys);
    return recreate;
  }

  /** A statement of the parallel phases, with the run numbers of its chunk (or none). */
  record Task(String step, String sql, long lo, long hi) {
    static Task chunk(String step, String sql, long lo, long hi) {
      return new Task(step, sql, lo, hi);
    }

    static Task statement(String step, String sql) {
      return new Task(step, sql, -1, -1);
    }
  }

  /**
   * Runs the tasks in their order on {@link #CONNECTIONS} connections at a time and returns the
   * connection seconds each step took, in the order of first appearance, then the phase's wall time
   * under {@code "<phase> (wall)"}. The first failure stops the phase and is thrown.
   */
  Map<String, Double> runInParallel(String phase, List<Task> tasks) throws Exception {
    Map<String, Double> seconds = new LinkedHashMap<>();
    tasks.forEach(t -> seconds.put(t.step(), 0.0));
    Queue<Task> queue = new ConcurrentLinkedQueue<>(tasks);
    AtomicBoolean failed = new AtomicBoolean();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int w = 0; w < CONNECTIONS; w++) {
        workers.add(
            pool.submit(
                () -> {
                  try (Connection c = DriverManager.getConnection(url());
                      Statement s = c.createStatement()) {
                    configure(c);
                    Task task;
                    while (!failed.get() && (task = queue.poll()) != null) {
                      long start = System.nanoTime();
                      if (task.lo() >= 0) {
                        s.execute("SET history_seed.lo = " + task.lo());
                        s.execute("SET history_seed.hi = " + task.hi());
                      }
                      s.execute(task.sql());
                      double took = (System.nanoTime() - start) / 1e9;
                      synchronized (seconds) {
                        seconds.merge(task.step(), took, Double::sum);
                      }
                    }
                  } catch (Exception e) {
                    failed.set(true);
                    throw e;
                  }
                  return null;
                }));
      }
      for (Future<Void> worker : workers) {
        try {
          worker.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    seconds.put(phase + " (wall)", (System.nanoTime() - t0) / 1e9);
    seconds.forEach((step, took) -> HistoryScenario.log("  %-28s %7.1f s", step, took));
    return seconds;
  }

  /** The session settings of every seeding connection. */
  private static void configure(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET maintenance_work_mem = '1GB'");
      s.execute("SET work_mem = '64MB'");
      s.execute("SET synchronous_commit = off");
      // The two connections are the parallelism: one core each.
      s.execute("SET max_parallel_maintenance_workers = 0");
      s.execute("SET max_parallel_workers_per_gather = 0");
    }
  }

  /** Every index and constraint definition of the Chronos schema, sorted. */
  static List<String> schemaDefinitions(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class t"
                  + " ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                  + " WHERE n.nspname = '"
                  + CHRONOS_SCHEMA
                  + "'")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT k.conrelid::regclass::text || ' ' || k.conname || ' '"
                  + " || pg_get_constraintdef(k.oid) || ' ' || k.convalidated FROM pg_constraint k"
                  + " JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = '"
                  + CHRONOS_SCHEMA
                  + "'")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  /** The steps of history-seed.sql with the placeholders filled in, by name, in order. */
  Map<String, String> steps(Instant end) throws IOException {
    return split(
        fill(
            HistorySeedScript.read("history-seed.sql"),
            HistorySeedScript.placeholders(sizes, end)));
  }

  /** Replaces every {@code ${name}}; fails on a placeholder without a value. */
  static String fill(String sql, Map<String, String> values) {
    String out = sql;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    int left = out.indexOf("${");
    if (left >= 0) {
      throw new IllegalArgumentException(
          "no value for " + out.substring(left, Math.min(out.length(), left + 20)));
    }
    return out;
  }

  /** Splits a script at its {@code -- step: name} lines; text before the first step is dropped. */
  static Map<String, String> split(String script) {
    Map<String, String> steps = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      if (line.startsWith("-- step:")) {
        if (name != null) {
          steps.put(name, body.toString().trim());
        }
        name = line.substring("-- step:".length()).trim();
        body.setLength(0);
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      steps.put(name, body.toString().trim());
    }
    return steps;
  }

  /** The SQL encoding must give the keys the Java encoding (tested against ulid-creator) gives. */
  private static void checkUlidFunction(Connection c) throws SQLException {
    List<long[]> probes = new ArrayList<>();
    probes.add(new long[] {0, 0});
    probes.add(new long[] {System.currentTimeMillis(), 1});
    probes.add(new long[] {HistoryUlid.MAX_MS, HistoryUlid.MAX_SEQ});
    probes.add(new long[] {1_790_000_123_456L, 514_999_999L});
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + SEED_SCHEMA + ".ulid(?::bigint, ?::bigint)")) {
      for (long[] p : probes) {
        ps.setLong(1, p[0]);
        ps.setLong(2, p[1]);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          String sql = rs.getString(1);
          String java = HistoryUlid.encode(p[0], p[1]);
          if (!java.equals(sql)) {
            throw new IllegalStateException(
                "SQL ulid(" + p[0] + ", " + p[1] + ") = " + sql + ", Java says " + java);
          }
        }
      }
    }
  }

  /** Keyset paging needs key order = time order: no run or dead letter out of order. */
  private static void checkOrder(Connection c) throws SQLException {
    for (String[] t :
        List.of(
            new String[] {"job_runs", "created_at"},
            new String[] {"dlq_events", "created_at"},
            new String[] {"jobs", "created_at"})) {
      long bad =
          count(
              c,
              "SELECT COUNT(*) FROM (SELECT "
                  + t[1]
                  + " AS at, lag("
                  + t[1]
                  + ") OVER (ORDER BY id) AS prev, length(id) AS len FROM "
                  + CHRONOS_SCHEMA
                  + "."
                  + t[0]
                  + ") x WHERE at < prev OR len <> 26");
      if (bad != 0) {
        throw new IllegalStateException(bad + " rows of " + t[0] + " out of time order");
      }
    }
  }

  /**
   * Free GiB where the server keeps its data (printed before and after a seed), -1 when unknown (a
   * server on another machine).
   */
  private static double disk() {
    try {
      java.nio.file.FileStore store =
          java.nio.file.Files.getFileStore(java.nio.file.Path.of("/var/lib/postgresql"));
      double free = store.getUsableSpace() / 1073741824.0;
      HistoryScenario.log(
          "disk: %.1f GiB free of %.1f GiB", free, store.getTotalSpace() / 1073741824.0);
      return free;
    } catch (IOException | RuntimeException e) {
      HistoryScenario.log("disk: unknown (%s)", e.getMessage());
      return -1;
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    return Subject.count(c, sql);
  }
}
