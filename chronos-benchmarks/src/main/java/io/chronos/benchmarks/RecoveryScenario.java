package io.chronos.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.chronos.Chronos;
import io.chronos.ChronosBuilder;
import io.chronos.benchmarks.PunctualityStats.Summary;
import io.chronos.benchmarks.RecoveryTimes.Held;
import io.chronos.benchmarks.RecoveryTimes.Measured;
import io.chronos.benchmarks.RecoveryTimes.Recovery;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.payload.DummyPayload;
import io.chronos.security.Actor;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Scenario 4 of issue #6, recovery: a node holding N runs in flight is killed with SIGKILL; the
 * time until each of them runs again on the surviving node. The victim is a child JVM ({@link
 * RecoveryVictimMain}); the survivor lives in this JVM, so the kill instant and the recovery
 * attempts' {@code started_at} come from the same clock. Run alone with {@code mvn -pl
 * chronos-benchmarks -am -q compile exec:java
 * -Dexec.mainClass=io.chronos.benchmarks.RecoveryScenario} (plus {@code -Dbench.quick=true}).
 *
 * <p>Knobs ({@code -Dbench.recovery.*}): {@code runs}, {@code rounds}, {@code runSeconds} (how long
 * each run sleeps), {@code killDelayMillis} (extra wait between the survivor's start and the kill).
 */
public final class RecoveryScenario {
  static final String DATABASE = "chronos_bench_recovery";

  /** The H2 variant's file in {@link BenchConfig#h2Dir()}, without H2's suffix. */
  static final String H2_FILE = "recovery";

  static final Duration GOAL = Duration.ofSeconds(15);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private RecoveryScenario() {}

  /** The scenario's settings, from {@code -Dbench.recovery.*} and quick mode. */
  record Settings(int runs, int rounds, int runSeconds, int killDelayMillis) {
    static Settings from(BenchConfig config) {
      boolean quick = config.quick();
      return new Settings(
          Integer.getInteger("bench.recovery.runs", quick ? 10 : 50),
          Integer.getInteger("bench.recovery.rounds", quick ? 1 : 3),
          Integer.getInteger("bench.recovery.runSeconds", 120),
          Integer.getInteger("bench.recovery.killDelayMillis", 0));
    }
  }

  /** One round: the figures (ms from the kill) and what the nodes ran with. */
  record Round(Measured measured, Duration lease, double claimToKillMillis) {
    Summary running() {
      return Summary.of(measured.running());
    }

    Summary expiry() {
      return Summary.of(measured.leaseExpiry());
    }

    Summary lost() {
      return Summary.of(measured.lost());
    }
  }

  public static void main(String[] args) throws Exception {
    Section section = run(BenchConfig.fromSystemProperties());
    section.print();
    System.exit(0);
  }

  /**
   * Runs the scenario on PostgreSQL, then (if {@code bench.databases} names {@code h2}) on an H2
   * file in mixed mode; one section with a table per database, the goal from PostgreSQL only.
   */
  public static Section run(BenchConfig config) throws Exception {
    Settings settings = Settings.from(config);
    logStart(settings, "database " + DATABASE + " on PostgreSQL");
    List<Round> postgres =
        ScenarioTarget.onPostgres(
            config,
            DATABASE,
            settings.rounds(),
            (target, round) -> logRound(round, runRound(target, settings, round)));
    return ScenarioTarget.withH2(
        config,
        render(settings, postgres, Db.POSTGRESQL),
        () -> {
          // An H2 file in mixed mode (AUTO_SERVER=TRUE): the victim, a child JVM, reaches the
          // file through the H2 server of the first process that opened it. That must be this JVM
          // (the monitor connects before the victim starts and stays open for the round): if the
          // victim served the file, the kill would take the database down with it.
          logStart(settings, "an H2 file in " + config.h2Dir() + " (AUTO_SERVER)");
          List<Round> h2 =
              ScenarioTarget.onH2(
                  config,
                  H2_FILE,
                  PunctualityH2.MIXED,
                  settings.rounds(),
                  (target, round) -> logRound(round, runRound(target, settings, round)));
          return render(settings, h2, Db.H2);
        });
  }

  private static void logStart(Settings settings, String where) {
    log(
        "scenario 4 (recovery): %d runs in flight on a node killed with SIGKILL, %d round(s),"
            + " lease %s (builder default), %s",
        settings.runs(), settings.rounds(), ChronosBuilder.DEFAULT_LEASE, where);
  }

  private static Round logRound(int round, Round r) {
    log(
        "round %d: %d of %d runs running again; from the kill: lease expired p50 %.0f ms,"
            + " LOST p50 %.0f ms, running again p50 %.0f ms, p99 %.0f ms, max %.0f ms",
        round,
        r.measured().held() - r.measured().missing(),
        r.measured().held(),
        r.expiry().p50(),
        r.lost().p50(),
        r.running().p50(),
        r.running().p99(),
        r.running().max());
    return r;
  }

  static Round runRound(ScenarioTarget target, Settings settings, int round) throws Exception {
    String schema = "bench_recovery_r" + round;
    String victimId = "recovery-victim-r" + round + "-" + ProcessHandle.current().pid();
    int n = settings.runs();
    Chronos survivor = null;
    Process victim = null;
    HikariDataSource pool = null;
    // The monitor connects first and stays open for the round: on H2 in mixed mode, the first
    // process to open the file serves it, and it has to be this one, which outlives the victim.
    try (Connection monitor = target.connect()) {
      pool = target.pool(10, "recovery-survivor");
      // Built now (it migrates the schema and serves the API), started only once the victim holds
      // every run, so that it claims none of them first.
      survivor =
          Chronos.builder()
              .dataSource(pool)
              .schema(schema)
              .nodeId("recovery-survivor-r" + round)
              .workerThreads(Math.max(n, 10))
              .shutdownTimeout(Duration.ofSeconds(1))
              .build();
      Actor system = Actor.system();
      for (int i = 0; i < n; i++) {
        Job job =
            survivor
                .jobs()
                .create(
                    system,
                    JobSpec.dummy("in-flight-" + i)
                        .payload(
                            DummyPayload.sleep(Duration.ofSeconds(settings.runSeconds()))
                                .withLogLines(0))
                        .build());
        survivor.jobs().trigger(system, job.id());
      }
      victim = startVictim(target, schema, victimId, n);
      CountDownLatch ready = drainOutput(victim);
      if (!ready.await(WAIT.toSeconds(), TimeUnit.SECONDS) || !victim.isAlive()) {
        throw new IllegalStateException("the victim node did not start");
      }
      awaitCount(monitor, countHeldSql(schema), victimId, n, WAIT);
      survivor.start();
      if (settings.killDelayMillis() > 0) {
        Thread.sleep(settings.killDelayMillis());
      }
      Clock clock = Clock.systemUTC();
      Instant kill = clock.instant();
      victim.destroyForcibly();
      if (!victim.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the victim did not die");
      }
      log(
          "round %d on %s: victim %s killed at %s holding %d runs",
          round, target.db().label, victimId, kill, n);
      // Read now: the victim can renew no more, and the LOST update will clear them.
      List<Held> atKill = held(monitor, schema, victimId);
      Duration lease = survivor.status().lease();
      Duration deadline = lease.multipliedBy(3).plus(WAIT);
      awaitCount(monitor, countRecoveredSql(schema), victimId, n, deadline);
      Map<String, Instant> lostAt = lostAt(monitor, schema, victimId);
      List<Held> held =
          atKill.stream()
              .map(
                  h ->
                      new Held(
                          h.runId(),
                          h.jobId(),
                          h.fireKey(),
                          h.attempt(),
                          h.leaseExpiresAt(),
                          lostAt.get(h.runId())))
              .toList();
      List<Recovery> recoveries = recoveries(monitor, schema);
      double claimToKill = claimToKillMillis(monitor, schema, victimId, kill);
      return new Round(RecoveryTimes.measure(kill, held, recoveries), lease, claimToKill);
    } finally {
      if (victim != null) {
        victim.destroyForcibly();
      }
      if (survivor != null) {
        survivor.close();
      }
      if (pool != null) {
        pool.close();
      }
    }
  }

  static Process startVictim(ScenarioTarget target, String schema, String nodeId, int workers)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            childClassPath(),
            RecoveryVictimMain.class.getName(),
            target.url(),
            target.user(),
            schema,
            nodeId,
            String.valueOf(workers))
        .redirectErrorStream(true)
        .start();
  }

  /**
   * The class path for the child JVM: {@code java.class.path}, unless this class was loaded by a
   * URLClassLoader of its own (Maven's {@code exec:java} runs the harness inside the Maven JVM,
   * whose {@code java.class.path} is Maven's launcher).
   */
  static String childClassPath() {
    List<String> entries = new ArrayList<>();
    for (ClassLoader l = RecoveryScenario.class.getClassLoader(); l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file: skip
          }
        }
      }
    }
    return entries.isEmpty()
        ? System.getProperty("java.class.path")
        : String.join(File.pathSeparator, entries);
  }

  /** Copies the child's output to ours (so it never blocks on a full pipe); counts READY. */
  static CountDownLatch drainOutput(Process child) {
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  System.out.println("[victim] " + line);
                  if (line.startsWith(RecoveryVictimMain.READY)) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // The child was killed: its pipe closed.
              }
            },
            "recovery-victim-output");
    reader.setDaemon(true);
    reader.start();
    return ready;
  }

  private static String countHeldSql(String schema) {
    return "SELECT COUNT(*) FROM " + schema + ".job_runs WHERE status = 'RUNNING' AND node_id = ?";
  }

  private static String countRecoveredSql(String schema) {
    return "SELECT COUNT(*) FROM "
        + schema
        + ".job_runs o JOIN "
        + schema
        + ".job_runs r ON r.job_id = o.job_id AND r.fire_key = o.fire_key"
        + " AND r.attempt = o.attempt + 1 AND r.trigger_type = 'RECOVERY'"
        + " WHERE o.node_id = ? AND r.started_at IS NOT NULL";
  }

  private static void awaitCount(
      Connection monitor, String sql, String victimId, int n, Duration timeout)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long count = 0;
    while (System.nanoTime() < deadline) {
      try (PreparedStatement ps = monitor.prepareStatement(sql)) {
        ps.setString(1, victimId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          count = rs.getLong(1);
        }
      }
      if (count >= n) {
        return;
      }
      Thread.sleep(20);
    }
    log("WARNING: %d of %d after %s: %s", count, n, timeout, sql);
  }

  /** The runs the victim held, with their leases as it last renewed them. */
  private static List<Held> held(Connection monitor, String schema, String victimId)
      throws SQLException {
    List<Held> held = new ArrayList<>();
    try (PreparedStatement ps =
        monitor.prepareStatement(
            "SELECT id, job_id, fire_key, attempt, lease_expires_at FROM "
                + schema
                + ".job_runs WHERE node_id = ? AND status = 'RUNNING'")) {
      ps.setString(1, victimId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          held.add(
              new Held(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  instant(rs.getTimestamp(5)),
                  null));
        }
      }
    }
    return held;
  }

  /** When the survivor marked each of the victim's runs LOST ({@code finished_at}). */
  private static Map<String, Instant> lostAt(Connection monitor, String schema, String victimId)
      throws SQLException {
    Map<String, Instant> lost = new HashMap<>();
    try (PreparedStatement ps =
        monitor.prepareStatement(
            "SELECT id, finished_at FROM "
                + schema
                + ".job_runs WHERE node_id = ? AND status = 'LOST'")) {
      ps.setString(1, victimId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lost.put(rs.getString(1), instant(rs.getTimestamp(2)));
        }
      }
    }
    return lost;
  }

  private static List<Recovery> recoveries(Connection monitor, String schema) throws SQLException {
    List<Recovery> recoveries = new ArrayList<>();
    try (PreparedStatement ps =
            monitor.prepareStatement(
                "SELECT job_id, fire_key, attempt, started_at FROM "
                    + schema
                    + ".job_runs WHERE trigger_type = 'RECOVERY'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        recoveries.add(
            new Recovery(
                rs.getString(1), rs.getString(2), rs.getInt(3), instant(rs.getTimestamp(4))));
      }
    }
    return recoveries;
  }

  private static double claimToKillMillis(
      Connection monitor, String schema, String victimId, Instant kill) throws SQLException {
    try (PreparedStatement ps =
        monitor.prepareStatement(
            "SELECT MIN(started_at) FROM "
                + schema
                + ".job_runs WHERE node_id = ? AND trigger_type <> 'RECOVERY'")) {
      ps.setString(1, victimId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Instant claimed = instant(rs.getTimestamp(1));
        return claimed == null ? Double.NaN : RecoveryTimes.millisBetween(claimed, kill);
      }
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  static Section render(Settings s, List<Round> rounds, Db db) {
    Duration lease = ChronosBuilder.DEFAULT_LEASE;
    Duration heartbeat = lease.dividedBy(3);
    String claimToKill =
        rounds.isEmpty()
            ? "n/a"
            : Stats.format(rounds.stream().map(r -> r.claimToKillMillis() / 1000).toList(), 1)
                + " s";
    StringBuilder md = new StringBuilder();
    md.append("### Scenario 4: recovery of the runs of a node killed with SIGKILL, ")
        .append(db.postgres() ? "on PostgreSQL" : "on an H2 file")
        .append("\n\n");
    if (db.postgres()) {
      md.append(
          String.format(
              "Two Chronos nodes on one PostgreSQL database. %d manual DUMMY jobs sleeping %d s"
                  + " (`DummyPayload.sleep`) are created and triggered through the public API; the"
                  + " victim, a node in a child JVM (`RecoveryVictimMain`, %d workers), claims all"
                  + " of them. Once the database shows the %d runs RUNNING on the victim, the"
                  + " survivor (in the harness JVM, %d workers) is started and the victim is killed"
                  + " with `Process.destroyForcibly()` (SIGKILL). Recovery time of a run = the"
                  + " `started_at` of its RECOVERY attempt (same fire key, attempt + 1) minus the"
                  + " kill instant; both come from the harness JVM's clock (the survivor writes"
                  + " `started_at`). Also shown, from the kill: when the run's lease expired (the"
                  + " victim claimed the runs about %s before the kill and never renewed them) and"
                  + " when the survivor's heartbeat marked it LOST. Every round uses a fresh"
                  + " schema.\n\n",
              s.runs(), s.runSeconds(), s.runs(), s.runs(), Math.max(s.runs(), 10), claimToKill));
    } else {
      md.append(
          "The same nodes, runs, kill and measurement on an H2 file database in H2's mixed mode"
              + " (`jdbc:h2:file:…/"
              + H2_FILE
              + ";DB_CLOSE_DELAY=-1;AUTO_SERVER=TRUE`, a fresh file every round, deleted after"
              + " it): the harness JVM opens the file first and keeps a connection open for the"
              + " whole round, so it is the process that serves the file, and the victim's JVM"
              + " reaches it over H2's TCP server. The SIGKILL closes the victim's sockets; the"
              + " survivor, embedded in the serving JVM, keeps the database. The victim claimed the"
              + " runs about "
              + claimToKill
              + " before the kill. Informational: the goal of issue #6 is computed on"
              + " PostgreSQL.\n\n");
    }
    md.append("| setting | value |\n|---|---|\n");
    md.append("| runs in flight on the killed node | ").append(s.runs()).append(" |\n");
    md.append("| rounds | ").append(rounds.size()).append(" |\n");
    md.append("| lease, heartbeat | ")
        .append(PunctualityScenario.millis(lease))
        .append(", ")
        .append(PunctualityScenario.millis(heartbeat))
        .append(" (builder defaults; lease as the survivor reports it: ")
        .append(
            String.join(
                ", ",
                rounds.stream()
                    .map(r -> PunctualityScenario.millis(r.lease()))
                    .distinct()
                    .toList()))
        .append(") |\n");
    md.append("| poll interval | ")
        .append(PunctualityScenario.millis(ChronosBuilder.DEFAULT_POLL_INTERVAL))
        .append(" (default) |\n\n");
    md.append(
        rounds.size() > 1
            ? "Seconds from the kill; median (min–max) of the rounds.\n\n"
            : "Seconds from the kill.\n\n");
    md.append("| figure | p50 | p99 | max |\n|---|---:|---:|---:|\n");
    row(md, "lease expired", rounds, Round::expiry);
    row(md, "marked LOST by the survivor", rounds, Round::lost);
    row(md, "running again (RECOVERY attempt started)", rounds, Round::running);
    md.append("\nRuns running again: ")
        .append(
            String.join(
                ", ",
                rounds.stream()
                    .map(
                        r ->
                            (r.measured().held() - r.measured().missing())
                                + " of "
                                + r.measured().held())
                    .toList()))
        .append(".\n\n");
    List<Double> p99s = rounds.stream().map(r -> r.running().p99() / 1000).toList();
    boolean all =
        rounds.stream().allMatch(r -> r.measured().missing() == 0 && r.measured().held() > 0);
    double worst = p99s.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    boolean met = !rounds.isEmpty() && all && worst <= GOAL.toSeconds();
    String measured =
        Stats.format(p99s, 1)
            + " s p99 ("
            + s.runs()
            + " runs, "
            + rounds.size()
            + " round(s), lease "
            + PunctualityScenario.millis(lease)
            + ", heartbeat "
            + PunctualityScenario.millis(heartbeat)
            + (all ? "" : "; some runs were not recovered")
            + ")";
    return new Section(
        md.toString(),
        List.of(
            new Section.Goal(
                "Recovery: every in-flight run of a killed node running again within 15 s (p99)",
                measured,
                met)));
  }

  private static void row(
      StringBuilder md, String name, List<Round> rounds, Function<Round, Summary> f) {
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(Stats.format(rounds.stream().map(r -> f.apply(r).p50() / 1000).toList(), 2))
        .append(" | ")
        .append(Stats.format(rounds.stream().map(r -> f.apply(r).p99() / 1000).toList(), 2))
        .append(" | ")
        .append(Stats.format(rounds.stream().map(r -> f.apply(r).max() / 1000).toList(), 2))
        .append(" |\n");
  }

  static void log(String format, Object... args) {
    BenchMain.log(format, args);
  }
}
