package io.chronos.benchmarks;

import io.chronos.ChronosBuilder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;

/** The harness settings, from system properties ({@code -Dbench.*}). */
record BenchConfig(
    int n,
    int quartzN,
    int warmUpN,
    int warmUpRounds,
    List<Integer> nodes,
    List<String> scenarios,
    int rounds,
    boolean quick,
    int threads,
    int poolSize,
    String server,
    String database,
    String maintenanceDatabase,
    String user,
    List<String> systems,
    int timeoutSeconds,
    Path output,
    List<String> databases,
    Path h2Dir,
    MariaDbServer mariadb) {

  static final List<String> ALL_SYSTEMS =
      List.of("chronos", "db-scheduler", "db-scheduler-lock-and-fetch", "quartz", "quartz-tuned");

  /** The databases scenarios 1 and 2 can run on, in the order of the report. */
  static final List<String> ALL_DATABASES = List.of(Db.POSTGRESQL.id, Db.H2.id, Db.MARIADB.id);

  /**
   * The default of {@code bench.databases}: MariaDB is opt-in, so that the default suite stays in
   * its time budget.
   */
  static final List<String> DEFAULT_DATABASES = List.of(Db.POSTGRESQL.id, Db.H2.id);

  static BenchConfig fromSystemProperties() {
    boolean quick = Boolean.getBoolean("bench.quick");
    int n = Integer.getInteger("bench.n", quick ? 500 : 10_000);
    int rounds = Integer.getInteger("bench.rounds", quick ? 1 : 3);
    // Raw Quartz runs about 100-200 one-time jobs per second here: 10,000 of them would take the
    // whole time budget of the suite, so its variants get a smaller N unless told otherwise.
    int quartzN = Integer.getInteger("bench.quartzN", Math.min(n, 2_000));
    String scenarios = System.getProperty("bench.scenarios", "1,3,4,5,6");
    Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
    String out = System.getProperty("bench.out");
    Path output =
        out != null
            ? Path.of(out)
            : quick
                ? root.resolve("chronos-benchmarks/target/benchmarks-quick.md")
                : root.resolve("docs/benchmarks.md");
    String systems = System.getProperty("bench.systems", String.join(",", ALL_SYSTEMS));
    String databases = System.getProperty("bench.databases", String.join(",", DEFAULT_DATABASES));
    String h2Dir = System.getProperty("bench.h2dir");
    boolean warm = Boolean.parseBoolean(System.getProperty("bench.warmup", String.valueOf(!quick)));
    int warmUpRounds = warm ? Integer.getInteger("bench.warmupRounds", 2) : 0;
    if (warmUpRounds < 0) {
      throw new IllegalArgumentException(
          "bench.warmupRounds must be 0 or more, was " + warmUpRounds);
    }
    return new BenchConfig(
        n,
        quartzN,
        warm ? Integer.getInteger("bench.warmupN", n) : 0,
        warmUpRounds,
        nodeCounts(System.getProperty("bench.nodes", "1,2")),
        Arrays.stream(scenarios.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList(),
        rounds,
        quick,
        Integer.getInteger("bench.threads", 20),
        Integer.getInteger("bench.pool", 30),
        System.getProperty("bench.server", "jdbc:postgresql://127.0.0.1:5432/"),
        System.getProperty("bench.database", "chronos_bench"),
        System.getProperty("bench.maintenanceDatabase", "test"),
        System.getProperty("bench.user", "postgres"),
        Arrays.stream(systems.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
        Integer.getInteger("bench.timeoutSeconds", 900),
        output,
        parseDatabases(databases),
        h2Dir != null
            ? Path.of(h2Dir).toAbsolutePath().normalize()
            : root.resolve("chronos-benchmarks/target/bench-h2"),
        MariaDbServer.fromSystemProperties());
  }

  /** The comma-separated database names, checked against {@link #ALL_DATABASES}. */
  static List<String> parseDatabases(String databases) {
    List<String> list =
        Arrays.stream(databases.split(","))
            .map(String::trim)
            .map(s -> s.toLowerCase(java.util.Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList();
    for (String db : list) {
      Db.of(db);
    }
    return list;
  }

  /**
   * The node counts of scenario 1 ({@code bench.nodes}, default {@code 1,2}): each system runs its
   * rounds as one node, then as that many nodes sharing the schema.
   */
  static List<Integer> nodeCounts(String value) {
    List<Integer> counts = new java.util.ArrayList<>();
    for (String part : value.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int count;
      try {
        count = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        count = 0;
      }
      if (count < 1 || count > 8) {
        throw new IllegalArgumentException(
            "bench.nodes must be node counts from 1 to 8, separated by commas; was '"
                + value
                + "'");
      }
      if (!counts.contains(count)) {
        counts.add(count);
      }
    }
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("bench.nodes names no node count: '" + value + "'");
    }
    return List.copyOf(counts);
  }

  /** The same settings on another database of the server (a scenario's own). */
  BenchConfig withDatabase(String other) {
    return new BenchConfig(
        n,
        quartzN,
        warmUpN,
        warmUpRounds,
        nodes,
        scenarios,
        rounds,
        quick,
        threads,
        poolSize,
        server,
        other,
        maintenanceDatabase,
        user,
        systems,
        timeoutSeconds,
        output,
        databases,
        h2Dir,
        mariadb);
  }

  /** Jobs per round for a system of scenario 1. */
  /**
   * Whether rounds 0 of every system, not reported, come first: {@link #warmUpRounds} of them,
   * alternating like the measured ones, each of {@link #warmUpN} jobs (a full round by default,
   * capped by the system's N). A round of 2,000 left the JIT compiling through the measured rounds,
   * and its compiler threads took CPU from the server on 2 cores; after one full round, the first
   * measured round of every system was still 10 to 20 % slower than the next ones.
   */
  boolean warmUp() {
    return warmUpN > 0 && warmUpRounds > 0;
  }

  /**
   * Applies {@code -Dbench.claimAhead} to a Chronos node of scenarios 1 and 3, when it is set
   * (otherwise the builder's default, half the worker threads): 0 compares with claim-ahead off.
   */
  static ChronosBuilder claimAhead(ChronosBuilder builder) {
    Integer claimAhead = claimAhead();
    return claimAhead == null ? builder : builder.claimAhead(claimAhead);
  }

  /** {@code -Dbench.claimAhead}, or null when unset. */
  @Nullable
  static Integer claimAhead() {
    return Integer.getInteger("bench.claimAhead");
  }

  int n(String system) {
    return system.startsWith("quartz") ? quartzN : n;
  }

  boolean runs(String scenario) {
    return scenarios.contains(scenario);
  }

  /** The databases scenario 1 runs on, in the order given. */
  List<Db> scenario1Databases() {
    return databases.stream().map(Db::of).toList();
  }

  /**
   * Whether the run needs the benchmark database on the PostgreSQL server: scenario 1 on
   * PostgreSQL, or any scenario besides 1 (they read the server's settings for the report).
   */
  boolean usesPostgres() {
    return (runs("1") && databases.contains(Db.POSTGRESQL.id))
        || scenarios.stream().anyMatch(s -> !s.equals("1"));
  }

  /** Whether scenario 1 runs on the MariaDB server, which needs its own benchmark database. */
  boolean usesMariaDb() {
    return runs("1") && databases.contains(Db.MARIADB.id);
  }

  /**
   * The benchmark's own database on the server. It is its own so that pg_stat_database counts only
   * the benchmark's transactions, not those of other clients of the server.
   */
  String jdbcUrl() {
    return server + database;
  }

  /** A URL for one-off statements in the benchmark database (schemas, pg_stat reads). */
  String adminUrl() {
    return jdbcUrl() + "?user=" + user;
  }

  /** A URL for creating and dropping the benchmark database. */
  String maintenanceUrl() {
    return server + maintenanceDatabase + "?user=" + user;
  }
}
