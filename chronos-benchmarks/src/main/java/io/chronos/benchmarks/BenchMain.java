package io.chronos.benchmarks;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness: every system in turn, in alternating rounds, on one PostgreSQL database.
 * Run with {@code mvn -pl chronos-benchmarks -am -q compile exec:java} (see docs/benchmarks.md).
 */
public final class BenchMain {
  private BenchMain() {}

  /** One system in one round. */
  record Round(
      String system,
      int round,
      int n,
      double seconds,
      long executed,
      long succeeded,
      long statements,
      long roundTrips,
      long clientCommits,
      long serverCommits,
      Long pgssCalls,
      long serverCpuMs,
      long jvmCpuMs) {
    double perSecond() {
      return n / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.fromSystemProperties();
    log(
        "chronos-benchmarks: N=%d, rounds=%d, threads=%d, pool=%d, systems=%s, output=%s",
        config.n(),
        config.rounds(),
        config.threads(),
        config.poolSize(),
        config.systems(),
        config.output());
    createDatabase(config);
    Environment env;
    try (Connection admin = DriverManager.getConnection(config.adminUrl())) {
      env = Environment.read(admin);
    }
    Map<String, List<Round>> results = new LinkedHashMap<>();
    if (config.runs("1")) {
      for (String system : config.systems()) {
        results.put(system, new ArrayList<>());
      }
      if (config.warmUp()) {
        // Round 0 warms the JIT and the server's caches for every system; it is not reported.
        for (String system : config.systems()) {
          logRound(runOne(config, subject(config, system, 0), 0, env.pgStatStatements()));
        }
      }
      for (int round = 1; round <= config.rounds(); round++) {
        for (String system : config.systems()) {
          Round r = runOne(config, subject(config, system, round), round, env.pgStatStatements());
          results.get(system).add(r);
          logRound(r);
        }
      }
    }
    dropDatabase(config);
    List<Section> sections = new ArrayList<>();
    for (String scenario : List.of("3", "4", "5", "6")) {
      if (config.runs(scenario)) {
        log("scenario %s", scenario);
        sections.add(scenario(scenario, config));
      }
    }
    String table = Report.render(config, env, results, sections);
    System.out.println(table);
    Report.write(config.output(), table);
    log("results written to %s", config.output());
    if (!Files.exists(config.output())) {
      throw new IllegalStateException("no results written");
    }
    System.exit(0);
  }

  private static void logRound(Round r) {
    log(
        "round %d %-28s %7.2f s %9.1f exec/s  %.2f statements/exec  %.2f commits/exec"
            + " (client)  %.2f xact_commit/exec (server)  CPU ms/exec: server %.3f, JVM %.3f",
        r.round(),
        r.system(),
        r.seconds(),
        r.perSecond(),
        (double) r.statements() / r.n(),
        (double) r.clientCommits() / r.n(),
        (double) r.serverCommits() / r.n(),
        (double) r.serverCpuMs() / r.n(),
        (double) r.jvmCpuMs() / r.n());
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

  static Subject subject(BenchConfig config, String system, int round) {
    return switch (system) {
      case "chronos" -> new ChronosSubject(config, round);
      case "db-scheduler" -> new DbSchedulerSubject(config, round, false);
      case "db-scheduler-lock-and-fetch" -> new DbSchedulerSubject(config, round, true);
      case "quartz" -> new QuartzSubject(config, round, false);
      case "quartz-tuned" -> new QuartzSubject(config, round, true);
      default ->
          throw new IllegalArgumentException(
              "unknown system " + system + "; known: " + BenchConfig.ALL_SYSTEMS);
    };
  }

  static Round runOne(BenchConfig config, Subject subject, int round, boolean pgss)
      throws Exception {
    int n = round == 0 ? Math.min(config.n(subject.name()), 2_000) : config.n(subject.name());
    Subject.EXECUTED.set(0);
    try (Connection monitor = DriverManager.getConnection(config.adminUrl())) {
      subject.dropSchema();
      subject.setUp(n);
      // Let every backend flush its statistics (PostgreSQL does so at most once a second).
      Thread.sleep(1100);
      long monitorTx = 0;
      long xact0 = xactCommit(monitor);
      Long calls0 = pgss ? pgssCalls(monitor) : null;
      monitorTx++;
      subject.counting.reset();
      ServerCpu cpu = ServerCpu.of(monitor);
      long serverCpu0 = cpu.serverMillis();
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
      Thread.sleep(1100);
      long serverCpu = cpu.available() ? cpu.serverMillis() - serverCpu0 : -1;
      long serverCommits = xactCommit(monitor) - xact0 - monitorTx;
      Long calls = pgss ? pgssCalls(monitor) - calls0 - monitorTx - 1 : null;
      long executed = Subject.EXECUTED.get();
      if (timedOut || executed != n || succeeded != n) {
        log(
            "WARNING %s round %d: timedOut=%s executed=%d succeeded=%d of %d",
            subject.name(), round, timedOut, executed, succeeded, n);
      }
      return new Round(
          subject.name(),
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
