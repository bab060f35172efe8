package io.chronos.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios 1 and 2 on one database: N one-time no-op jobs for every system, in alternating rounds
 * after warm-up rounds; each round's throughput, and its database work counted on the client and,
 * where the database is a server, on the server.
 */
final class ThroughputScenario {
  private ThroughputScenario() {}

  /**
   * One system in one round on one database. The server figures are null on H2, which has no
   * server: it runs in this JVM; on MariaDB only the server's CPU is read (it has no per-database
   * commit count).
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
   * has lock-and-fetch only where its JdbcCustomization for the database says so; on H2 it uses its
   * generic JDBC support, on MariaDB its MariaDB customization, and both refuse lock-and-fetch
   * (checked by running it).
   */
  static final Map<Db, Map<String, String>> UNSUPPORTED =
      Map.of(
          Db.H2,
          Map.of(
              "db-scheduler-lock-and-fetch",
              "db-scheduler 16.12.0 has no H2 dialect; on H2 it uses its generic JDBC support"
                  + " (DefaultJdbcCustomization), and the scheduler then refuses to start: "
                  + lockAndFetchRefused("Default")),
          Db.MARIADB,
          Map.of(
              "db-scheduler-lock-and-fetch",
              "db-scheduler 16.12.0 detects MariaDB and uses its MariaDBJdbcCustomization, whose"
                  + " supportsGenericLockAndFetch() returns false (\"FIXLATER: fix syntax and"
                  + " enable it for versions of MariaDB that supports it\", although MariaDB has"
                  + " SKIP LOCKED since 10.6), and the scheduler then refuses to start: "
                  + lockAndFetchRefused("MariaDB")));

  /** What db-scheduler's builder throws when the database's customization has no lock-and-fetch. */
  static String lockAndFetchRefused(String customization) {
    return "\"Database using jdbc-customization '"
        + customization
        + "' does not support lock-and-fetch polling (i.e. Select-for-update)\"";
  }

  /** The systems of scenario 1 that run on the database. */
  static List<String> systems(BenchConfig config, Db db) {
    Map<String, String> unsupported = UNSUPPORTED.getOrDefault(db, Map.of());
    return config.systems().stream().filter(s -> !unsupported.containsKey(s)).toList();
  }

  /**
   * Scenario 1 (and 2) on one database with {@code nodes} instances of every system: warm-up (for
   * the first node count of the run only: the JVM and the server are warm after it), then
   * alternating rounds of every system.
   */
  static Map<String, List<Round>> run(BenchConfig config, Db db, boolean pgss, int nodes)
      throws Exception {
    List<String> systems = systems(config, db);
    BenchMain.log("scenario 1 on %s, %d node(s): systems %s", db.label, nodes, systems);
    if (db == Db.H2) {
      BenchMain.resetH2Dir(config);
    }
    Map<String, List<Round>> results = new LinkedHashMap<>();
    for (String system : systems) {
      results.put(system, new ArrayList<>());
    }
    if (config.warmUp() && nodes == config.nodes().get(0)) {
      // Rounds 0 warm the JIT and the server's caches for every system; they are not reported.
      for (int warm = 0; warm < config.warmUpRounds(); warm++) {
        for (String system : systems) {
          logRound(runOne(config, subject(config, db, system, 0, nodes), 0, pgss), nodes);
        }
      }
    }
    for (int round = 1; round <= config.rounds(); round++) {
      for (String system : systems) {
        Round r = runOne(config, subject(config, db, system, round, nodes), round, pgss);
        results.get(system).add(r);
        logRound(r, nodes);
      }
    }
    return results;
  }

  private static void logRound(Round r, int nodes) {
    BenchMain.log(
        "round %d %-10s %d node(s) %-28s %7.2f s %9.1f exec/s  %.2f statements/exec  %.2f commits/exec"
            + " (client)  %s xact_commit/exec (server)  CPU ms/exec: server %s, JVM %.3f",
        r.round(),
        r.database().id,
        nodes,
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

  static Subject subject(BenchConfig config, Db db, String system, int round, int nodes) {
    return switch (system) {
      case "chronos" -> new ChronosSubject(config, db, round, nodes);
      case "db-scheduler" -> new DbSchedulerSubject(config, db, round, nodes, false);
      case "db-scheduler-lock-and-fetch" -> new DbSchedulerSubject(config, db, round, nodes, true);
      case "quartz" -> new QuartzSubject(config, db, round, nodes, false);
      case "quartz-tuned" -> new QuartzSubject(config, db, round, nodes, true);
      default ->
          throw new IllegalArgumentException(
              "unknown system " + system + "; known: " + BenchConfig.ALL_SYSTEMS);
    };
  }

  /**
   * One system, one round. On PostgreSQL the server's figures (xact_commit, pg_stat_statements,
   * server CPU) are read around the run, with a pause for the backends to flush their statistics;
   * on MariaDB only the server's CPU (from /proc, no pause needed); on H2 there is no server to
   * read, so those figures are null and the pauses are skipped.
   */
  static Round runOne(BenchConfig config, Subject subject, int round, boolean pgss)
      throws Exception {
    int n =
        round == 0
            ? Math.min(config.n(subject.name()), config.warmUpN())
            : config.n(subject.name());
    boolean pg = subject.db.postgres();
    boolean server = subject.db.server();
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
      ServerCpu cpu = server ? ServerCpu.of(subject.db, monitor) : null;
      long serverCpu0 = server ? cpu.serverMillis() : 0;
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
        serverCommits = xactCommit(monitor) - xact0 - monitorTx;
        calls = pgss ? pgssCalls(monitor) - calls0 - monitorTx - 1 : null;
      }
      if (server) {
        serverCpu = cpu.available() ? cpu.serverMillis() - serverCpu0 : -1;
      }
      long executed = Subject.EXECUTED.get();
      if (timedOut || executed != n || succeeded != n) {
        BenchMain.log(
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
}
