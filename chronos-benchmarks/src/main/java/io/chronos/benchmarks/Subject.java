package io.chronos.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * One system under test in one round: its own fresh schema, N one-time no-op jobs created before
 * the clock starts, then {@link #nodes} instances of the system started on that schema, each with
 * its own connection pool, waited for and cleaned up.
 */
abstract class Subject {
  /** Executions counted by the no-op job of whichever system is running (one at a time). */
  static final AtomicLong EXECUTED = new AtomicLong();

  final BenchConfig config;
  final Db db;
  final String schema;

  /** Instances of the system (nodes) sharing the schema, as several hosts of one application. */
  final int nodes;

  HikariDataSource pool;
  CountingDataSource counting;
  private final List<HikariDataSource> otherPools = new ArrayList<>();

  Subject(BenchConfig config, Db db, String schemaPrefix, int round, int nodes) {
    this.config = config;
    this.db = db;
    this.nodes = nodes;
    this.schema =
        (schemaPrefix + "_n" + nodes + "_r" + round + "_" + ProcessHandle.current().pid())
            .toLowerCase(Locale.ROOT);
  }

  /** The name in the results table. */
  abstract String name();

  /** Creates the schema, the scheduler (not started) and the N due jobs; ANALYZEs the tables. */
  abstract void setUp(int n) throws Exception;

  /** Starts the scheduler: the clock starts just before this call. */
  abstract void start() throws Exception;

  /** How many of the N jobs are not finished yet, read from the database. */
  abstract long remaining(Connection monitor) throws SQLException;

  /** How many runs the database records as succeeded (for the systems that keep them). */
  long succeeded(Connection monitor, int n) throws SQLException {
    return EXECUTED.get();
  }

  /** Stops the scheduler (all jobs have finished). */
  abstract void stop() throws Exception;

  /**
   * The round's H2 database file, without H2's {@code .mv.db} suffix: one per system and round, in
   * {@link BenchConfig#h2Dir()}, named after the schema.
   */
  Path h2File() {
    return config.h2Dir().resolve(schema);
  }

  /**
   * A URL for the harness's own statements and monitoring queries: the benchmark database on the
   * PostgreSQL or MariaDB server, or the round's H2 file (opened in this JVM, shared with the
   * pool).
   */
  String adminUrl() {
    return switch (db) {
      case POSTGRESQL -> config.adminUrl();
      case MARIADB -> config.mariadb().adminUrl(config.database());
      case H2 -> "jdbc:h2:file:" + h2File() + Db.H2_SETTINGS;
    };
  }

  /**
   * Creates the round's schema and opens the pool on it. On MariaDB the schema is a database of its
   * own, the pool's default database.
   */
  void openPool() {
    execute(adminUrl(), "CREATE SCHEMA " + schema);
    pool = newPool("bench-" + schema);
    counting = new CountingDataSource(pool);
  }

  /**
   * The data source of node {@code node} (from 0): the first node's is {@link #counting}, every
   * other node gets a pool of its own, counted into the same counters.
   */
  DataSource nodeDataSource(int node) {
    if (node == 0) {
      return counting;
    }
    HikariDataSource other = newPool("bench-" + schema + "-node" + node);
    otherPools.add(other);
    return new CountingDataSource(other, counting);
  }

  private HikariDataSource newPool(String name) {
    HikariConfig hc = new HikariConfig();
    switch (db) {
      case POSTGRESQL -> {
        hc.setJdbcUrl(config.jdbcUrl() + "?currentSchema=" + schema);
        hc.setUsername(config.user());
      }
      case MARIADB -> {
        hc.setJdbcUrl(config.mariadb().url(schema));
        hc.setUsername(config.mariadb().user());
      }
      case H2 -> hc.setJdbcUrl(adminUrl() + ";SCHEMA=" + schema);
    }
    hc.setMaximumPoolSize(config.poolSize());
    hc.setPoolName(name);
    return new HikariDataSource(hc);
  }

  void closePool() {
    otherPools.forEach(HikariDataSource::close);
    otherPools.clear();
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * Drops the schema (PostgreSQL) or the round's database (MariaDB), or shuts the round's H2
   * database down and deletes its files.
   */
  void dropSchema() {
    if (db.postgres()) {
      execute(adminUrl(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      return;
    }
    if (db == Db.MARIADB) {
      execute(adminUrl(), "DROP DATABASE IF EXISTS " + schema);
      return;
    }
    Path dir = config.h2Dir();
    String prefix = h2File().getFileName() + ".";
    if (Files.exists(dir.resolve(prefix + "mv.db"))) {
      // DB_CLOSE_DELAY=-1 keeps the database open after the last connection: close it first.
      execute(adminUrl(), "SHUTDOWN");
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().startsWith(prefix)) {
          Files.delete(f);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not delete the H2 files of " + schema, e);
    }
  }

  /** Runs statements on the pool directly (not counted), in one transaction. */
  void sql(List<String> statements) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String sql : statements) {
          s.execute(sql);
        }
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }

  /** Runs a parameterised insert in JDBC batches of 1,000 rows on the pool (not counted). */
  void batch(Connection c, String sql, int n, RowBinder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < n; i++) {
        binder.bind(ps, i);
        ps.addBatch();
        if ((i + 1) % 1000 == 0 || i == n - 1) {
          ps.executeBatch();
        }
      }
    }
  }

  /**
   * ANALYZE after the bulk load, as autoanalyze would (the local PostgreSQL server runs autovacuum
   * off); on MariaDB ANALYZE TABLE, so that every system starts with statistics of its loaded
   * tables rather than with InnoDB's background recalculation in flight. Not on H2: it analyzes a
   * table by itself after every 2,000 changed rows (ANALYZE_AUTO).
   */
  void analyze(String... tables) throws SQLException {
    if (!db.server()) {
      return;
    }
    String analyze = db == Db.MARIADB ? "ANALYZE TABLE " : "ANALYZE ";
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute(analyze + schema + "." + table);
      }
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void execute(String url, String sql) {
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Failed: " + sql, e);
    }
  }

  interface RowBinder {
    void bind(PreparedStatement ps, int i) throws SQLException;
  }
}
