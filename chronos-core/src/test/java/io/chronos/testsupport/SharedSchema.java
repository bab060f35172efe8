package io.chronos.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Extra connection pools on the schema of a {@link TestDatabase}, so that several Chronos nodes of
 * one test share the database the way separate machines would: each with a pool of its own.
 * PostgreSQL only (the cluster and crash tests run there).
 */
public final class SharedSchema {

  /** The local PostgreSQL server the services profile uses. */
  public static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  /** The user of the local PostgreSQL server (trust authentication). */
  public static final String POSTGRESQL_USER = "postgres";

  private SharedSchema() {}

  /** A new pool of the given size on the same database as {@code db}; the caller closes it. */
  public static HikariDataSource openPool(TestDatabase db, String name, int poolSize) {
    if (db.kind() != TestDatabase.Kind.POSTGRESQL) {
      throw new IllegalArgumentException("SharedSchema supports PostgreSQL only, was " + db.kind());
    }
    return openPostgresPool(name + "-" + db.schema(), poolSize);
  }

  /** A pool of the given size on the local PostgreSQL test database. */
  public static HikariDataSource openPostgresPool(String poolName, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(POSTGRESQL_URL);
    config.setUsername(POSTGRESQL_USER);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName(poolName);
    return new HikariDataSource(config);
  }
}
