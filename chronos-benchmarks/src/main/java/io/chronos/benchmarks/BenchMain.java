package io.chronos.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The benchmark harness: every system in turn, in alternating rounds, on one PostgreSQL database,
 * on H2 files and, opt-in, on one MariaDB database ({@code bench.databases}). Run with {@code mvn
 * -pl chronos-benchmarks -am -q compile exec:java} (see docs/benchmarks.md).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.fromSystemProperties();
    log(
        "chronos-benchmarks: N=%d, rounds=%d, threads=%d, pool=%d, systems=%s, databases=%s,"
            + " output=%s",
        config.n(),
        config.rounds(),
        config.threads(),
        config.poolSize(),
        config.systems(),
        config.databases(),
        config.output());
    Environment env = null;
    if (config.usesPostgres()) {
      createDatabase(config);
      try (Connection admin = DriverManager.getConnection(config.adminUrl())) {
        env = Environment.read(admin);
      }
    }
    MariaDbServer.Environment mariadb = null;
    if (config.usesMariaDb()) {
      createDatabase(config, Db.MARIADB);
      try (Connection admin =
          DriverManager.getConnection(config.mariadb().adminUrl(config.database()))) {
        mariadb = MariaDbServer.Environment.read(admin);
      }
    }
    boolean pgss = env != null && env.pgStatStatements();
    // One node's rounds, for the tables of scenarios 1 and 2 and the goals; several nodes' apart.
    Map<Db, Map<String, List<ThroughputScenario.Round>>> results = new LinkedHashMap<>();
    Map<Integer, Map<Db, Map<String, List<ThroughputScenario.Round>>>> clustered =
        new LinkedHashMap<>();
    if (config.runs("1")) {
      for (Db db : config.scenario1Databases()) {
        for (int nodes : config.nodes()) {
          long t0 = System.nanoTime();
          Map<String, List<ThroughputScenario.Round>> rounds =
              ThroughputScenario.run(config, db, pgss, nodes);
          if (nodes == 1) {
            results.put(db, rounds);
          } else {
            clustered.computeIfAbsent(nodes, k -> new LinkedHashMap<>()).put(db, rounds);
          }
          log(
              "scenario 1 on %s, %d node(s), took %.0f s",
              db.label, nodes, (System.nanoTime() - t0) / 1e9);
        }
      }
    }
    if (config.usesPostgres()) {
      dropDatabase(config);
    }
    if (config.usesMariaDb()) {
      dropDatabase(config, Db.MARIADB);
    }
    H2Environment h2 = results.containsKey(Db.H2) ? H2Environment.read(config) : null;
    List<Section> sections = new ArrayList<>();
    for (String scenario : List.of("3", "4", "5", "6")) {
      if (config.runs(scenario)) {
        log("scenario %s", scenario);
        long t0 = System.nanoTime();
        sections.add(scenario(scenario, config));
        log("scenario %s took %.0f s", scenario, (System.nanoTime() - t0) / 1e9);
      }
    }
    String table = Report.render(config, env, h2, mariadb, results, clustered, sections);
    System.out.println(table);
    Report.write(config.output(), table);
    log(
        "results written to %s; the suite took %.0f s in this JVM",
        config.output(), ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
    if (!Files.exists(config.output())) {
      throw new IllegalStateException("no results written");
    }
    System.exit(0);
  }

  /** Empties the directory of the H2 files (left over by an interrupted run) and creates it. */
  static void resetH2Dir(BenchConfig config) throws IOException {
    Path dir = config.h2Dir();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(dir);
  }

  static Section scenario(String scenario, BenchConfig config) throws Exception {
    return switch (scenario) {
      case "3" -> PunctualityScenario.run(config);
      case "4" -> RecoveryScenario.run(config);
      case "5" -> HistoryScenario.run(config);
      case "6" -> StartupScenario.run(config);
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    };
  }

  /** Creates the benchmark database on the PostgreSQL server (dropping a leftover first). */
  static void createDatabase(BenchConfig config) {
    createDatabase(config, Db.POSTGRESQL);
  }

  static void dropDatabase(BenchConfig config) {
    dropDatabase(config, Db.POSTGRESQL);
  }

  /** Creates the benchmark database on the PostgreSQL or MariaDB server. */
  static void createDatabase(BenchConfig config, Db db) {
    dropDatabase(config, db);
    Subject.execute(maintenanceUrl(config, db), "CREATE DATABASE " + config.database());
  }

  static void dropDatabase(BenchConfig config, Db db) {
    Subject.execute(maintenanceUrl(config, db), "DROP DATABASE IF EXISTS " + config.database());
  }

  private static String maintenanceUrl(BenchConfig config, Db db) {
    return db == Db.MARIADB ? config.mariadb().maintenanceUrl() : config.maintenanceUrl();
  }

  /** What the results table says about the machine and the database. */
  record Environment(
      String pgVersion, Map<String, String> settings, boolean pgStatStatements, String sessions) {
    static Environment read(Connection c) throws SQLException {
      String version = queryString(c, "SELECT version()");
      Map<String, String> settings =
          readSettings(
              c,
              name -> "SHOW " + name,
              List.of(
                  "shared_buffers",
                  "synchronous_commit",
                  "fsync",
                  "wal_level",
                  "autovacuum",
                  "max_connections",
                  "shared_preload_libraries"));
      boolean pgss;
      try {
        queryString(c, "SELECT COUNT(*) FROM pg_stat_statements");
        pgss = true;
      } catch (SQLException e) {
        pgss = false;
      }
      return new Environment(version, settings, pgss, null);
    }
  }

  /** The H2 version and the settings of a file database, for the report's settings table. */
  record H2Environment(String version, Map<String, String> settings) {
    static final List<String> SHOWN =
        List.of("MODE", "MV_STORE", "WRITE_DELAY", "ANALYZE_AUTO", "info.CACHE_MAX_SIZE");

    /** Reads them from a probe file in the H2 directory, deleted afterwards. */
    static H2Environment read(BenchConfig config) throws Exception {
      Path probe = config.h2Dir().resolve("settings-probe");
      String url = "jdbc:h2:file:" + probe + Db.H2_SETTINGS;
      Map<String, String> settings = new LinkedHashMap<>();
      String version;
      try (Connection c = DriverManager.getConnection(url)) {
        version = c.getMetaData().getDatabaseProductVersion();
        for (String name : SHOWN) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              settings.put(name, rs.next() ? rs.getString(1) : "?");
            }
          }
        }
        settings.put("LOCK_TIMEOUT()", queryString(c, "SELECT LOCK_TIMEOUT()"));
        try (Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      }
      resetH2Dir(config);
      return new H2Environment(version, settings);
    }
  }

  /** Server settings by name, each read with the query for its name, in the order given. */
  static Map<String, String> readSettings(
      Connection c, UnaryOperator<String> query, List<String> names) throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name : names) {
      settings.put(name, queryString(c, query.apply(name)));
    }
    return settings;
  }

  static String queryString(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static void log(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
  }
}
