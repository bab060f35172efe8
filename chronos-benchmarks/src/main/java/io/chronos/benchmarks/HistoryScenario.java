package io.chronos.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.chronos.Chronos;
import io.chronos.Page;
import io.chronos.PageRequest;
import io.chronos.dlq.DlqQuery;
import io.chronos.dlq.DlqStatus;
import io.chronos.job.Job;
import io.chronos.job.JobQuery;
import io.chronos.run.JobRun;
import io.chronos.run.RunLog;
import io.chronos.security.Actor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Scenario 5 of issue #6, history at scale: a database seeded in bulk SQL with 1,000 users, 100,000
 * jobs, 5 million runs and 20 million log lines (kept between runs, see {@link HistorySeed} and, on
 * an H2 file, {@link HistorySeedH2}); the latency of the seed's three sample queries as plain SQL
 * and of the dashboard's lists through Chronos's API, with random keys per call. Goal: p95 at most
 * 50 ms for every query, on PostgreSQL; on H2 the figures are informational.
 *
 * <p>Alone: {@code mvn -pl chronos-benchmarks -am -q compile exec:java
 * -Dexec.mainClass=io.chronos.benchmarks.HistoryScenario} (add {@code -Dbench.quick=true} for a
 * tiny seed, {@code -Dbench.databases=h2} for the H2 file only). Knobs: {@code
 * bench.history.database} (also the H2 file's name), {@code bench.history.h2dir}, {@code
 * bench.history.reseed}, {@code bench.history.calls}, {@code bench.history.warmup}, {@code
 * bench.history.users/jobs/runs}, {@code bench.history.explain} (prints EXPLAIN ANALYZE of the SQL
 * queries).
 */
public final class HistoryScenario {
  static final double GOAL_P95_MS = 50;
  static final int PAGE = 50;
  private static final String S = HistorySeed.CHRONOS_SCHEMA;

  /** A user's active jobs, as a dashboard pages them: by key, 50 at a time. */
  static final String SQL_ACTIVE_JOBS =
      "SELECT j.id, j.name, j.job_type, s.schedule_type,"
          + " COALESCE(s.next_fire_at, (SELECT MIN(r.not_before) FROM "
          + S
          + ".job_runs r WHERE r.job_id = j.id AND r.status = 'QUEUED')) AS next_fire_at"
          + " FROM "
          + S
          + ".jobs j JOIN "
          + S
          + ".job_schedules s ON s.job_id = j.id"
          + " WHERE j.owner_id = ? AND j.status = 'ACTIVE' AND j.id > ?"
          + " ORDER BY j.id LIMIT "
          + PAGE;

  /** A job's newest 50 runs (keyset: before a cursor) with each run's log lines in order. */
  static final String SQL_RUNS_WITH_LOGS =
      "SELECT r.id AS run_id, r.status, r.attempt, r.started_at, r.finished_at, r.error,"
          + " l.id AS log_id, l.level, l.message, l.logged_at"
          + " FROM (SELECT id, status, attempt, started_at, finished_at, error FROM "
          + S
          + ".job_runs WHERE job_id = ? AND id < ? ORDER BY id DESC LIMIT "
          + PAGE
          + ") r LEFT JOIN "
          + S
          + ".job_run_logs l ON l.run_id = r.id ORDER BY r.id DESC, l.id";

  /** Dead letters of the 24 hours before an instant with their job's name, newest 50. */
  static final String SQL_RECENT_DLQ =
      "SELECT d.id, j.name, d.reason, d.error, d.attempts, d.created_at FROM "
          + S
          + ".dlq_events d JOIN "
          + S
          + ".jobs j ON j.id = d.job_id"
          + " WHERE d.created_at >= ? AND d.created_at < ?"
          + " ORDER BY d.created_at DESC LIMIT "
          + PAGE;

  /** The databases of other scenarios, never touched. */
  static final java.util.Set<String> OTHER_DATABASES =
      java.util.Set.of("chronos_bench", "chronos_bench_punctuality", "chronos_bench_recovery");

  /** A key greater than every ULID (C collation), for "before" cursors of first pages. */
  static final String TOP = "~";

  private HistoryScenario() {}

  /** One measured query: prepare picks the keys (and fetches earlier pages), untimed. */
  interface Probe {
    Call prepare(Random random) throws Exception;
  }

  interface Call {
    /** Runs the query; returns how many rows it read. */
    int run() throws Exception;
  }

  record Measured(String name, HistoryLatency latency, double meanRows) {}

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.fromSystemProperties();
    Section section = run(config);
    section.print();
    System.exit(0);
  }

  /**
   * Runs the scenario on PostgreSQL, then (if {@code bench.databases} names {@code h2}) on an H2
   * file; one section with a table per database, the goal from PostgreSQL only.
   */
  /** The property dividing the PostgreSQL sizes for the H2 variant (1: the same sizes). */
  static final String H2_DIVISOR = "bench.history.h2.divisor";

  static Section run(BenchConfig config) throws Exception {
    HistorySeed.Sizes sizes =
        config.quick()
            ? HistorySeed.Sizes.quick()
            : new HistorySeed.Sizes(
                Long.getLong("bench.history.users", 1_000),
                Long.getLong("bench.history.jobs", 100_000),
                Long.getLong("bench.history.runs", 5_000_000));
    String database =
        System.getProperty(
            "bench.history.database",
            config.quick() ? "chronos_bench_history_quick" : "chronos_bench_history");
    if (OTHER_DATABASES.contains(database)) {
      throw new IllegalArgumentException(database + " belongs to another scenario");
    }
    int calls = Integer.getInteger("bench.history.calls", config.quick() ? 100 : 300);
    int warmup = Integer.getInteger("bench.history.warmup", config.quick() ? 10 : 30);
    List<Db> databases = config.scenario1Databases();
    // H2 inserts about 10 µs a row: the full seed takes some 21 minutes once (measured 1,274 s),
    // more than the whole suite's budget, so the H2 variant seeds a fraction by default.
    HistorySeed.Sizes h2Sizes =
        config.quick() ? sizes : sizes.dividedBy(Integer.getInteger(H2_DIVISOR, 20));
    Callable<Section> h2 =
        () ->
            run(
                new HistoryTarget(Db.H2, config, database, h2Sizes, HistoryTarget.h2Dir(config)),
                warmup,
                calls);
    if (!databases.contains(Db.POSTGRESQL)) {
      return databases.contains(Db.H2) ? h2.call() : new Section("", List.of());
    }
    Section postgres =
        run(new HistoryTarget(Db.POSTGRESQL, config, database, sizes, null), warmup, calls);
    return ScenarioTarget.withH2(config, postgres, h2);
  }

  /** Reuses or makes the seed on one database, measures every query, renders its section. */
  static Section run(HistoryTarget target, int warmup, int calls) throws Exception {
    log("on %s", target.where());
    HistoryTarget.Seeded seeded = target.seed(Boolean.getBoolean("bench.history.reseed"));
    HistorySeed.Marker marker = seeded.marker();
    List<Measured> results;
    String tableSizes;
    String schemaVersion;
    try (HikariDataSource pool = target.pool(4, "bench-history-" + target.db().id);
        // Building the node migrates the schema if a newer Chronos has new migrations (a kept seed
        // gets the new indexes this way). It is never started: nothing fires or runs.
        Chronos chronos =
            Chronos.builder()
                .dataSource(pool)
                .schema(S)
                .nodeId("bench-history-" + ProcessHandle.current().pid())
                .build()) {
      Keys keys;
      try (Connection c = pool.getConnection()) {
        schemaVersion = schemaVersion(c);
        keys = Keys.load(c, marker, target);
        tableSizes = target.tableSizes(c);
      }
      log(
          "keys: %,d users (%,d USER), %,d jobs (%,d of USERs, %,d with more than %d runs),"
              + " %,d sampled runs (%,d with more than %d log lines)",
          keys.users.size(),
          keys.plainUsers.size(),
          keys.jobs.size(),
          keys.userJobs.size(),
          keys.busyJobs.size(),
          PAGE,
          keys.runs.size(),
          keys.verboseRuns.size(),
          PAGE);
      Map<String, Probe> probes = probes(chronos, pool, keys, marker);
      if (Boolean.getBoolean("bench.history.explain")) {
        explain(pool, keys, target);
      }
      results = measure(probes, warmup, calls);
    } finally {
      target.close();
    }
    return render(
        target, marker, seeded.reused(), results, tableSizes, schemaVersion, warmup, calls);
  }

  /**
   * The newest applied migration. Quoted: on H2, Flyway's history table and its columns are
   * lower-case identifiers; by rank, because versions are text ("9" sorts after "11").
   */
  static String schemaVersion(Connection c) throws SQLException {
    return BenchMain.queryString(
        c,
        "SELECT \"version\" FROM "
            + S
            + ".\"chronos_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL"
            + " ORDER BY \"installed_rank\" DESC LIMIT 1");
  }

  /** Keys to draw from: every user and job, a sample of runs. */
  static final class Keys {
    final List<String> users = new ArrayList<>();
    final List<String> plainUsers = new ArrayList<>();
    final String admin;
    final List<String> jobs = new ArrayList<>();
    final Map<String, String> ownerOf = new LinkedHashMap<>();
    final List<String> userJobs = new ArrayList<>();
    final List<String> busyJobs = new ArrayList<>();
    final List<String> runs = new ArrayList<>();
    final Map<String, String> jobOfRun = new LinkedHashMap<>();
    final List<String> verboseRuns = new ArrayList<>();
    final Instant end;

    private Keys(String admin, Instant end) {
      this.admin = admin;
      this.end = end;
    }

    static Keys load(Connection c, HistorySeed.Marker marker, HistoryTarget target)
        throws SQLException {
      String admin =
          BenchMain.queryString(
              c,
              "SELECT MIN(id) FROM "
                  + S
                  + ".users WHERE role = 'ADMIN' AND id <> '00000000000000000000000000'");
      Keys k = new Keys(admin, marker.end());
      java.util.Set<String> plain = new java.util.HashSet<>();
      try (Statement s = c.createStatement()) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT id, role FROM "
                    + S
                    + ".users WHERE id <> '00000000000000000000000000' ORDER BY id")) {
          while (rs.next()) {
            k.users.add(rs.getString(1));
            if ("USER".equals(rs.getString(2))) {
              k.plainUsers.add(rs.getString(1));
              plain.add(rs.getString(1));
            }
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT id, owner_id FROM " + S + ".jobs ORDER BY id")) {
          while (rs.next()) {
            k.jobs.add(rs.getString(1));
            k.ownerOf.put(rs.getString(1), rs.getString(2));
            if (plain.contains(rs.getString(2))) {
              k.userJobs.add(rs.getString(1));
            }
          }
        }
        // Jobs with a second page of runs: one index-only pass over job_runs (job_id, id).
        try (ResultSet rs =
            s.executeQuery(
                "SELECT job_id FROM "
                    + S
                    + ".job_runs GROUP BY job_id HAVING COUNT(*) > "
                    + PAGE
                    + " ORDER BY job_id")) {
          while (rs.next()) {
            if (plain.contains(k.ownerOf.get(rs.getString(1)))) {
              k.busyJobs.add(rs.getString(1));
            }
          }
        }
      }
      for (Map.Entry<String, String> run : target.sampleRuns(c, marker.sizes().runs()).entrySet()) {
        if (plain.contains(k.ownerOf.get(run.getValue()))) {
          k.runs.add(run.getKey());
          k.jobOfRun.put(run.getKey(), run.getValue());
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT run_id FROM "
                  + S
                  + ".job_run_logs WHERE run_id = ANY (?) GROUP BY run_id HAVING COUNT(*) > "
                  + PAGE
                  + " ORDER BY run_id")) {
        ps.setArray(1, c.createArrayOf("text", k.runs.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            k.verboseRuns.add(rs.getString(1));
          }
        }
      }
      return k;
    }

    String pick(List<String> from, Random random) {
      return from.get(random.nextInt(from.size()));
    }

    /** A random instant in the last 30 days of the seed. */
    Instant recent(Random random) {
      return end.minusMillis((long) (random.nextDouble() * 30 * 86_400_000L));
    }
  }

  static Map<String, Probe> probes(
      Chronos chronos, HikariDataSource pool, Keys k, HistorySeed.Marker marker) {
    Map<String, Probe> p = new LinkedHashMap<>();
    p.put(
        "SQL: a user's active jobs (page 1)",
        r -> {
          String user = k.pick(k.plainUsers, r);
          return () -> sql(pool, SQL_ACTIVE_JOBS, user, "");
        });
    p.put(
        "SQL: a job's runs with their logs (page 1)",
        r -> {
          String job = k.pick(k.jobs, r);
          return () -> sql(pool, SQL_RUNS_WITH_LOGS, job, TOP);
        });
    p.put(
        "SQL: dead letters of the last 24 h",
        r -> {
          Instant to = k.recent(r);
          Timestamp from = Timestamp.from(to.minusSeconds(86_400));
          return () -> sql(pool, SQL_RECENT_DLQ, from, Timestamp.from(to));
        });
    p.put(
        "API: jobs().list, USER (page 1)",
        r -> {
          Actor user = Actor.user(k.pick(k.plainUsers, r));
          return () ->
              chronos
                  .jobs()
                  .list(user, JobQuery.all().page(PageRequest.first(PAGE)))
                  .items()
                  .size();
        });
    p.put(
        "API: jobs().list, USER (page 2)",
        r -> {
          Actor user = Actor.user(k.pick(k.plainUsers, r));
          Page<Job> first = chronos.jobs().list(user, JobQuery.all().page(PageRequest.first(PAGE)));
          PageRequest next = PageRequest.after(first.nextCursor(), PAGE);
          return () -> chronos.jobs().list(user, JobQuery.all().page(next)).items().size();
        });
    p.put(
        "API: runs().forJob, USER (page 1)",
        r -> {
          String job = k.pick(k.userJobs, r);
          Actor owner = Actor.user(k.ownerOf.get(job));
          return () -> chronos.runs().forJob(owner, job, PageRequest.first(PAGE)).items().size();
        });
    p.put(
        "API: runs().forJob, USER (page 2)",
        r -> {
          String job = k.pick(k.busyJobs, r);
          Actor owner = Actor.user(k.ownerOf.get(job));
          Page<JobRun> first = chronos.runs().forJob(owner, job, PageRequest.first(PAGE));
          PageRequest next = PageRequest.after(first.nextCursor(), PAGE);
          return () -> chronos.runs().forJob(owner, job, next).items().size();
        });
    p.put(
        "API: runs().logs, USER (page 1)",
        r -> {
          String run = k.pick(k.runs, r);
          Actor owner = Actor.user(k.ownerOf.get(k.jobOfRun.get(run)));
          return () -> chronos.runs().logs(owner, run, PageRequest.first(PAGE)).items().size();
        });
    if (!k.verboseRuns.isEmpty()) {
      p.put(
          "API: runs().logs, USER (page 2)",
          r -> {
            String run = k.pick(k.verboseRuns, r);
            Actor owner = Actor.user(k.ownerOf.get(k.jobOfRun.get(run)));
            Page<RunLog> first = chronos.runs().logs(owner, run, PageRequest.first(PAGE));
            PageRequest next = PageRequest.after(first.nextCursor(), PAGE);
            return () -> chronos.runs().logs(owner, run, next).items().size();
          });
    }
    Actor admin = Actor.admin(k.admin);
    p.put(
        "API: deadLetters().list, ADMIN (page 1)",
        r ->
            () ->
                chronos
                    .deadLetters()
                    .list(admin, DlqQuery.all().page(PageRequest.first(PAGE)))
                    .items()
                    .size());
    p.put(
        "API: deadLetters().list, ADMIN, PENDING (page 2)",
        r -> {
          DlqQuery q = DlqQuery.all().status(DlqStatus.PENDING).page(PageRequest.first(PAGE));
          String cursor = chronos.deadLetters().list(admin, q).nextCursor();
          DlqQuery next = q.page(PageRequest.after(cursor, PAGE));
          return () -> chronos.deadLetters().list(admin, next).items().size();
        });
    p.put(
        "API: deadLetters().list, USER (page 1)",
        r -> {
          Actor user = Actor.user(k.pick(k.plainUsers, r));
          return () ->
              chronos
                  .deadLetters()
                  .list(user, DlqQuery.all().page(PageRequest.first(PAGE)))
                  .items()
                  .size();
        });
    return p;
  }

  /**
   * Round-robin over the queries (so that noise from other clients of the machine spreads over all
   * of them): each round prepares and times one call of every query; the first rounds are warm-up.
   */
  static List<Measured> measure(Map<String, Probe> probes, int warmup, int calls) throws Exception {
    Random random = new Random(42);
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    probes.keySet().forEach(name -> times.put(name, new ArrayList<>()));
    probes.keySet().forEach(name -> rows.put(name, 0L));
    long start = System.nanoTime();
    for (int round = 0; round < warmup + calls; round++) {
      for (Map.Entry<String, Probe> e : probes.entrySet()) {
        Call call = e.getValue().prepare(random);
        long t0 = System.nanoTime();
        int n = call.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (round >= warmup) {
          times.get(e.getKey()).add(ms);
          rows.merge(e.getKey(), (long) n, Long::sum);
        }
      }
    }
    log(
        "measured %d queries x %d calls (+%d warm-up) in %.1f s",
        probes.size(), calls, warmup, (System.nanoTime() - start) / 1e9);
    List<Measured> out = new ArrayList<>();
    for (String name : probes.keySet()) {
      HistoryLatency l = HistoryLatency.of(times.get(name));
      Measured m = new Measured(name, l, (double) rows.get(name) / Math.max(1, l.calls()));
      log(
          "%-50s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  %4.1f rows",
          name, l.p50(), l.p95(), l.max(), m.meanRows());
      out.add(m);
    }
    return out;
  }

  /** Runs a query with the given parameters and reads every column of every row. */
  static int sql(HikariDataSource pool, String sql, Object... params) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            rs.getObject(i);
          }
          n++;
        }
      }
      return n;
    }
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of the three SQL queries with one random key each, to the log. */
  static void explain(HikariDataSource pool, Keys k, HistoryTarget target) throws SQLException {
    Random r = new Random(7);
    Instant to = k.recent(r);
    List<Object[]> cases =
        List.of(
            new Object[] {SQL_ACTIVE_JOBS, k.pick(k.plainUsers, r), ""},
            new Object[] {SQL_RUNS_WITH_LOGS, k.pick(k.jobs, r), TOP},
            new Object[] {
              SQL_RECENT_DLQ, Timestamp.from(to.minusSeconds(86_400)), Timestamp.from(to)
            });
    try (Connection c = pool.getConnection()) {
      for (Object[] cs : cases) {
        try (PreparedStatement ps = c.prepareStatement(target.explain() + cs[0])) {
          ps.setObject(1, cs[1]);
          ps.setObject(2, cs[2]);
          StringBuilder plan = new StringBuilder();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              plan.append("    ").append(rs.getString(1)).append('\n');
            }
          }
          log("EXPLAIN %s\n%s", cs[0], plan);
        }
      }
    }
  }

  static Section render(
      HistoryTarget target,
      HistorySeed.Marker marker,
      boolean reused,
      List<Measured> results,
      String tableSizes,
      String schemaVersion,
      int warmup,
      int calls) {
    boolean postgres = target.db().postgres();
    HistorySeed.Sizes sizes = marker.sizes();
    StringBuilder md = new StringBuilder();
    md.append("### Scenario 5: history at scale, ")
        .append(postgres ? "on PostgreSQL" : "on an H2 file")
        .append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%s, seeded in bulk SQL (`INSERT ... SELECT` over `%s`, not through the API) and kept"
                + " between runs: %s users (1 %% ADMIN), %s jobs (DUMMY; 85 %% ACTIVE, 10 %%"
                + " PAUSED, 5 %% DISABLED; CRON, INTERVAL and MANUAL schedules), %s runs over 365"
                + " days (93 %% SUCCEEDED, 4 %% FAILED, the rest TIMED_OUT, CANCELLED, SKIPPED,"
                + " LOST; owners and runs per job skewed), %s log lines (3 per run, 103 for every"
                + " hundredth run), %s dead letters. Keys are time-ordered 26-character ULIDs%s."
                + " Seeding took %s s (%s)%s%s. Schema version %s. Sizes: %s.%s\n\n",
            capitalized(target.where()),
            postgres ? "generate_series" : "SYSTEM_RANGE",
            Stats.number(sizes.users(), 0),
            Stats.number(sizes.jobs(), 0),
            Stats.number(sizes.runs(), 0),
            Stats.number(marker.logs(), 0),
            Stats.number(marker.deadLetters(), 0),
            postgres ? " generated in SQL" : " (the seed's Java encoding, called from SQL)",
            Stats.number(marker.seedSeconds(), 0),
            marker.steps(),
            postgres ? ", then `VACUUM ANALYZE`" : ", `ANALYZE` included",
            reused ? "; this run reused the seed made " + marker.seededAt() : "",
            schemaVersion,
            tableSizes,
            postgres
                ? ""
                : " The H2 seed is PostgreSQL's sizes divided by `-D"
                    + H2_DIVISOR
                    + "` (default 20): H2 inserts about 10 µs a row, and the full-size seed took"
                    + " 1,274 s once (8.4 GiB), more than the suite's whole budget; set it to 1"
                    + " for the full size."));
    md.append(
        String.format(
            Locale.ROOT,
            "One client thread, one Chronos node built on the seed (never started) with a HikariCP"
                + " pool of 4%s. Each call draws its keys at random (fixed seed): a USER-role user,"
                + " a job, a run from %s, jobs with more than 50 runs and runs with more than 50"
                + " log lines for the second pages (the cursor is fetched by an untimed first"
                + " call), a 24-hour window ending in the last 30 days of the seed. Pages of %d."
                + " The queries take turns, %d warm-up rounds then %d timed rounds; the time is"
                + " from the call to the last row read.%s\n\n",
            postgres ? "" : " (the database embedded in the harness JVM, H2's default settings)",
            postgres
                ? "a 0.1 % `TABLESAMPLE` of the runs"
                : "a sample of about 5,000 runs (for times drawn between the first and the last"
                    + " run, the first run at or after each: H2 has no `TABLESAMPLE`)",
            PAGE,
            warmup,
            calls,
            postgres ? "" : " Informational: the goal of issue #6 is computed on PostgreSQL."));
    md.append("| query | p50 ms | p95 ms | max ms | calls | rows/call |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    List<Section.Goal> goals = new ArrayList<>();
    for (Measured m : results) {
      HistoryLatency l = m.latency();
      md.append("| ")
          .append(m.name())
          .append(" | ")
          .append(Stats.number(l.p50(), 1))
          .append(" | ")
          .append(Stats.number(l.p95(), 1))
          .append(" | ")
          .append(Stats.number(l.max(), 1))
          .append(" | ")
          .append(l.calls())
          .append(" | ")
          .append(Stats.number(m.meanRows(), 1))
          .append(" |\n");
      if (postgres) {
        goals.add(
            new Section.Goal(
                "p95 ≤ " + Stats.number(GOAL_P95_MS, 0) + " ms, " + m.name(),
                Stats.number(l.p95(), 1) + " ms",
                l.p95() <= GOAL_P95_MS));
      }
    }
    md.append('\n');
    return new Section(md.toString(), goals);
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  static void log(String format, Object... args) {
    BenchMain.log("history: " + format, args);
  }
}
