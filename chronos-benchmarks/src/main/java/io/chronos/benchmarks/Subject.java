package io.chronos.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One system under test in one round: its own fresh schema and connection pool, N one-time no-op
 * jobs created before the clock starts, then started, waited for and cleaned up.
 */
abstract class Subject {
  /** Executions counted by the no-op job of whichever system is running (one at a time). */
  static final AtomicLong EXECUTED = new AtomicLong();

  final BenchConfig config;
  final String schema;
  HikariDataSource pool;
  CountingDataSource counting;

  Subject(BenchConfig config, String schemaPrefix, int round) {
    this.config = config;
    this.schema =
        (schemaPrefix + "_r" + round + "_" + ProcessHandle.current().pid())
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

  void openPool() {
    execute(config.adminUrl(), "CREATE SCHEMA " + schema);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.jdbcUrl() + "?currentSchema=" + schema);
    hc.setUsername(config.user());
    hc.setMaximumPoolSize(config.poolSize());
    hc.setPoolName("bench-" + schema);
    pool = new HikariDataSource(hc);
    counting = new CountingDataSource(pool);
  }

  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  void dropSchema() {
    execute(config.adminUrl(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
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

  /** ANALYZE after the bulk load, as autoanalyze would (the local server runs autovacuum off). */
  void analyze(String... tables) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute("ANALYZE " + schema + "." + table);
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
