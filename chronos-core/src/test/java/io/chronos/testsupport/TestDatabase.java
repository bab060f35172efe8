package io.chronos.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronos.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A database for one test class: an in-memory H2 database, or a fresh schema on the local
 * PostgreSQL or MariaDB server (dropped on close). Each instance has its own pool and its own
 * Chronos schema name, so test classes never see each other's rows.
 */
public final class TestDatabase implements AutoCloseable {

  /** The databases a contract suite runs on. */
  public enum Kind {
    H2,
    POSTGRESQL,
    MARIADB
  }

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Kind kind;
  private final String schema;
  private final HikariDataSource dataSource;

  private TestDatabase(Kind kind, int poolSize) {
    this.kind = kind;
    this.schema =
        ("chronos_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
            .toLowerCase(Locale.ROOT);
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("test-" + schema);
    switch (kind) {
      case H2 -> {
        config.setJdbcUrl("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        config.setUsername("sa");
      }
      case POSTGRESQL -> {
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        config.setUsername("postgres");
      }
      case MARIADB -> {
        config.setJdbcUrl("jdbc:mariadb://127.0.0.1:3306/test");
        config.setUsername("root");
        config.setPassword("");
      }
    }
    this.dataSource = new HikariDataSource(config);
  }

  /** Opens a database of the given kind with a pool of 10 connections. */
  public static TestDatabase open(Kind kind) {
    return open(kind, 10);
  }

  /** Opens a database of the given kind with the given pool size. */
  public static TestDatabase open(Kind kind, int poolSize) {
    return new TestDatabase(kind, poolSize);
  }

  /** True when the services profile asked for the PostgreSQL and MariaDB suites. */
  public static boolean servicesEnabled() {
    return Boolean.getBoolean("chronos.test.services");
  }

  public Kind kind() {
    return kind;
  }

  public Dialect dialect() {
    return switch (kind) {
      case H2 -> Dialect.H2;
      case POSTGRESQL -> Dialect.POSTGRESQL;
      case MARIADB -> Dialect.MARIADB;
    };
  }

  /** How many migrations a fresh schema of this dialect gets (the files in its folder). */
  public int migrationCount() {
    String folder = "io/chronos/db/migration/" + dialect().migrationFolder();
    try {
      java.net.URL url = TestDatabase.class.getClassLoader().getResource(folder);
      try (java.util.stream.Stream<java.nio.file.Path> files =
          java.nio.file.Files.list(java.nio.file.Path.of(url.toURI()))) {
        return (int)
            files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
      }
    } catch (Exception e) {
      throw new IllegalStateException("Cannot list " + folder, e);
    }
  }

  /** The Chronos schema name this database uses, unique per instance. */
  public String schema() {
    return schema;
  }

  /** The schema name as the database stores it (upper case on H2). */
  public String storedSchema() {
    return dialect().storedIdentifier(schema);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Runs one SQL statement outside any transaction. */
  public void execute(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (Exception e) {
      throw new IllegalStateException("Failed: " + sql, e);
    }
  }

  @Override
  public void close() {
    try {
      switch (kind) {
        case H2 -> {
          // Closing the pool drops the in-memory database (no DB_CLOSE_DELAY beyond the pool).
          execute("DROP ALL OBJECTS");
        }
        case POSTGRESQL -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        case MARIADB -> execute("DROP DATABASE IF EXISTS " + schema);
      }
    } finally {
      dataSource.close();
    }
  }
}
