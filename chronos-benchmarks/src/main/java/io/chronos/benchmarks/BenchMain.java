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
import java.util.stream.Stream;

/**
 * The benchmark harness: every system in turn, in alternating rounds, on one PostgreSQL database
 * and on H2 files ({@code bench.databases}). Run with {@code mvn -pl chronos-benchmarks -am -q
 * compile exec:java} (see docs/benchmarks.md).
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * One system in one round on one database. The server figures are null on H2, which has no
   * server: it runs in this JVM.
   */
  record Round(
      String system,
      Db database,
      int round,
      int n,
      double seconds,
      long executed,
      long succeeded,
      long statements,
      long roundTrips,
      long clientCommits,
      Long serverCommits,
      Long pgssCalls,
      Long serverCpuMs,
      long jvmCpuMs) {
    double perSecond() {
      return n / seconds;
    }
  }

  /**
   * Systems left out of scenario 1 on a database, with the reason the report gives: db-scheduler
   * has lock-and-fetch only for the databases it has a dialect for; on H2 it uses its generic JDBC
   * support and refuses lock-and-fetch (checked by running it).
   */
  static final Map<Db, Map<String, String>> UNSUPPORTED =
      Map.of(
          Db.H2,
          Map.of(
              "db-scheduler-lock-and-fetch",
              "db-scheduler 16.12.0 has no H2 dialect; on H2 it uses its generic JDBC support"
                  + " (DefaultJdbcCustomization), and the scheduler then refuses to start: \"Database"
                  + " using jdbc-customization 'Default' does not support lock-and-fetch polling"
                  + " (i.e. Select-for-update)\""));

  /** The systems of scenario 1 that run on the database. */
  static List<String> systems(BenchConfig config, Db db) {
    Map<String, String> unsupported = UNSUPPORTED.getOrDefault(db, Map.of());
    return config.systems().stream().filter(s -> !unsupported.containsKey(s)).toList();
  }

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
    boolean pgss = env != null && env.pgStatStatements();
    Map<Db, Map<String, List<Round>>> results = new LinkedHashMap<>();
    if (config.runs("1")) {
      for (Db db : config.scenario1Databases()) {
        long t0 = System.nanoTime();
        results.put(db, runScenario1(config, db, pgss));
        log("scenario 1 on %s took %.0f s", db.label, (System.nanoTime() - t0) / 1e9);
      }
    }
    if (config.usesPostgres()) {
      dropDatabase(config);
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
    String table = Report.render(config, env, h2, results, sections);
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

  /** Scenario 1 (and 2) on one database: warm-up, then alternating rounds of every system. */
  static Map<String, List<Round>> runScenario1(BenchConfig config, Db db, boolean pgss)
      throws Exception {
    List<String> systems = systems(config, db);
    log("scenario 1 on %s: systems %s", db.label, systems);
    if (!db.postgres()) {
      resetH2Dir(config);
    }
    Map<String, List<Round>> results = new LinkedHashMap<>();
    for (String system : systems) {
      results.put(system, new ArrayList<>());
    }
    if (config.warmUp()) {
      // Round 0 warms the JIT and the server's caches for every system; it is not reported.
      for (String system : systems) {
        logRound(runOne(config, subject(config, db, system, 0), 0, pgss));
      }
    }
    for (int round = 1; round <= config.rounds(); round++) {
      for (String system : systems) {
        Round r = runOne(config, subject(config, db, system, round), round, pgss);
        results.get(system).add(r);
        logRound(r);
      }
    }
    return results;
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

  private static void logRound(Round r) {
    log(
        "round %d %-10s %-28s %7.2f s %9.1f exec/s  %.2f statements/exec  %.2f commits/exec"
            + " (client)  %s xact_commit/exec (server)  CPU ms/exec: server %s, JVM %.3f",
        r.round(),
        r.database().id,
        r.system(),
        r.seconds(),
        r.perSecond(),
        (double) r.statements() / r.n(),
        (double) r.clientCommits() / r.n(),
        perExec(r.serverCommits(), r.n(), 2),
        perExec(r.serverCpuMs(), r.n(), 3),
        (double) r.jvmCpuMs() / r.n());
  }

  private static String perExec(Long value, int n, int decimals) {
    return value == null ? "n/a" : String.format("%." + decimals + "f", (double) value / n);
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

  static Subject subject(BenchConfig config, Db db, String system, int round) {
    return switch (system) {
      case "chronos" -> new ChronosSubject(config, db, round);
      case "db-scheduler" -> new DbSchedulerSubject(config, db, round, false);
      case "db-scheduler-lock-and-fetch" -> new DbSchedulerSubject(config, db, round, true);
      case "quartz" -> new QuartzSubject(config, db, round, false);
      case "quartz-tuned" -> new QuartzSubject(config, db, round, true);
      default ->
          throw new IllegalArgumentException(
              "unknown system " + system + "; known: " + BenchConfig.ALL_SYSTEMS);
    };
  }

  /**
   * One system, one round. On PostgreSQL the server's figures (xact_commit, pg_stat_statements,
   * server CPU) are read around the run, with a pause for the backends to flush their statistics;
   * on H2 there is no server to read, so those figures are null and the pauses are skipped.
   */
  static Round runOne(BenchConfig config, Subject subject, int round, boolean pgss)
      throws Exception {
    int n = round == 0 ? Math.min(config.n(subject.name()), 2_000) : config.n(subject.name());
    boolean pg = subject.db.postgres();
    pgss = pgss && pg;
    Subject.EXECUTED.set(0);
    // Before the monitor connects: on H2 the monitor's connection creates the round's file.
    subject.dropSchema();
    try (Connection monitor = DriverManager.getConnection(subject.adminUrl())) {
      subject.setUp(n);
      if (pg) {
        // Let every backend flush its statistics (PostgreSQL does so at most once a second).
        Thread.sleep(1100);
      }
      long monitorTx = 0;
      long xact0 = pg ? xactCommit(monitor) : 0;
      Long calls0 = pgss ? pgssCalls(monitor) : null;
      monitorTx++;
      subject.counting.reset();
      ServerCpu cpu = pg ? ServerCpu.of(monitor) : null;
      long serverCpu0 = pg ? cpu.serverMillis() : 0;
      long jvmCpu0 = ServerCpu.jvmMillis();
      long start = System.nanoTime();
      long deadline = start + config.timeoutSeconds() * 1_000_000_000L;
      subject.start();
      // Executions are counted in memory; the clock stops when the database shows all finished.
      while (Subject.EXECUTED.get() < n && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      while (System.nanoTime() < deadline) {
        monitorTx++;
        if (subject.remaining(monitor) == 0) {
          break;
        }
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      boolean timedOut = System.nanoTime() >= deadline;
      subject.stop();
      long statements = subject.counting.statements.get();
      long roundTrips = subject.counting.roundTrips.get();
      long clientCommits = subject.counting.commits.get();
      monitorTx++;
      long succeeded = subject.succeeded(monitor, n);
      long jvmCpu = ServerCpu.jvmMillis() - jvmCpu0;
      subject.closePool();
      Long serverCpu = null;
      Long serverCommits = null;
      Long calls = null;
      if (pg) {
        Thread.sleep(1100);
        serverCpu = cpu.available() ? cpu.serverMillis() - serverCpu0 : -1;
        serverCommits = xactCommit(monitor) - xact0 - monitorTx;
        calls = pgss ? pgssCalls(monitor) - calls0 - monitorTx - 1 : null;
      }
      long executed = Subject.EXECUTED.get();
      if (timedOut || executed != n || succeeded != n) {
        log(
            "WARNING %s on %s round %d: timedOut=%s executed=%d succeeded=%d of %d",
            subject.name(), subject.db.id, round, timedOut, executed, succeeded, n);
      }
      return new Round(
          subject.name(),
          subject.db,
          round,
          n,
          seconds,
          executed,
          succeeded,
          statements,
          roundTrips,
          clientCommits,
          serverCommits,
          calls,
          serverCpu,
          jvmCpu);
    } finally {
      subject.closePool();
      subject.dropSchema();
    }
  }

  static void createDatabase(BenchConfig config) {
    Subject.execute(config.maintenanceUrl(), "DROP DATABASE IF EXISTS " + config.database());
    Subject.execute(config.maintenanceUrl(), "CREATE DATABASE " + config.database());
  }

  static void dropDatabase(BenchConfig config) {
    Subject.execute(config.maintenanceUrl(), "DROP DATABASE IF EXISTS " + config.database());
  }

  static long xactCommit(Connection c) throws SQLException {
    return Subject.count(
        c, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
  }

  static long pgssCalls(Connection c) throws SQLException {
    return Subject.count(
        c,
        "SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements s"
            + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database()");
  }

  /** What the results table says about the machine and the database. */
  record Environment(
      String pgVersion, Map<String, String> settings, boolean pgStatStatements, String sessions) {
    static Environment read(Connection c) throws SQLException {
      String version = queryString(c, "SELECT version()");
      Map<String, String> settings = new LinkedHashMap<>();
      for (String name :
          List.of(
              "shared_buffers",
              "synchronous_commit",
              "fsync",
              "wal_level",
              "autovacuum",
              "max_connections",
              "shared_preload_libraries")) {
        settings.put(name, queryString(c, "SHOW " + name));
      }
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
