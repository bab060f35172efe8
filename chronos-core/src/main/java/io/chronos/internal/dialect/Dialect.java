package io.chronos.internal.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import javax.annotation.Nullable;
import javax.sql.DataSource;

/**
 * Everything that differs between the supported databases, in one place: how a timestamp is bound
 * and read, the database clock, row locking for the run queue, JSON parameters and the Quartz
 * delegate. The store writes portable SQL and asks this class for the rest.
 */
public enum Dialect {
  H2("h2", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate") {
    @Override
    public String dbNowPlusMillis() {
      return "DATEADD(MILLISECOND, ?, CURRENT_TIMESTAMP)";
    }

    @Override
    public String dbNow() {
      return "CURRENT_TIMESTAMP";
    }

    @Override
    public String jsonParam() {
      return "? FORMAT JSON";
    }

    @Override
    public String skipLocked() {
      // H2 locks the selected rows; a second claimer waits for the first to commit and then sees
      // the rows no longer QUEUED. SKIP LOCKED is not reliable across H2 versions.
      return " FOR UPDATE";
    }

    @Override
    public String claimLock() {
      // No lock on the candidates: a FOR UPDATE with ORDER BY ... LIMIT makes H2 write a lock
      // entry into every QUEUED row it reads, not only the LIMIT ones (measured: the claim took
      // most of the CPU of a 10,000-run backlog). The claim's UPDATE re-checks status = 'QUEUED'
      // under its own row locks, so two claimers still cannot take the same run.
      return "";
    }
  },
  POSTGRESQL("postgresql", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate") {
    @Override
    public String dbNowPlusMillis() {
      return "(CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond')";
    }

    @Override
    public String dbNow() {
      return "CURRENT_TIMESTAMP";
    }

    @Override
    public String jsonParam() {
      return "CAST(? AS JSONB)";
    }

    @Override
    public String skipLocked() {
      return " FOR UPDATE SKIP LOCKED";
    }
  },
  MARIADB("mysql", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate") {
    @Override
    public String dbNowPlusMillis() {
      return "TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(6))";
    }

    @Override
    public String dbNow() {
      return "UTC_TIMESTAMP(6)";
    }

    @Override
    public String jsonParam() {
      return "?";
    }

    @Override
    public String skipLocked() {
      return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String byPrimaryKey() {
      // On a small table the optimizer prefers a full scan of a covering secondary index (every
      // one holds the key) to the key ranges of an IN list, and a locking read then locks every
      // row it scanned, not only those it returns (measured: 220 record locks for 100 jobs of
      // 110): the other nodes' SKIP LOCKED then found no job free (MariaDbBusyFireTest).
      return " FORCE INDEX (PRIMARY)";
    }

    @Override
    public Object timestamp(@Nullable Instant instant) {
      // DATETIME(6) has no zone: Chronos stores UTC wall time and reads it back as UTC.
      return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    @Nullable
    public Instant instant(ResultSet rs, String column) throws SQLException {
      LocalDateTime value = rs.getObject(column, LocalDateTime.class);
      return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
  };

  private final String migrationFolder;
  private final String quartzDelegate;

  Dialect(String migrationFolder, String quartzDelegate) {
    this.migrationFolder = migrationFolder;
    this.quartzDelegate = quartzDelegate;
  }

  /** The folder under {@code io/chronos/db/migration} holding this database's migrations. */
  public String migrationFolder() {
    return migrationFolder;
  }

  /** Quartz's driver delegate class for this database. */
  public String quartzDelegate() {
    return quartzDelegate;
  }

  /** SQL for the database's current time. Leases are set and compared on this clock only. */
  public abstract String dbNow();

  /** SQL for the database's current time plus a bound number of milliseconds (one parameter). */
  public abstract String dbNowPlusMillis();

  /** A parameter placeholder for a JSON text value. */
  public abstract String jsonParam();

  /** The clause appended to a SELECT that claims queue rows. */
  public abstract String skipLocked();

  /**
   * A hint after a table name, for a locking read of rows by their keys ({@code id IN (...) FOR
   * UPDATE}): that the read goes through the primary key, so that it locks those rows and no
   * others. Empty where the database does that anyway.
   */
  public String byPrimaryKey() {
    return "";
  }

  /**
   * The lock clause of the claim's candidate SELECT: {@link #skipLocked()} where the database skips
   * locked rows; H2 overrides it.
   */
  public String claimLock() {
    return skipLocked();
  }

  /**
   * A suffix for an INSERT into job_runs that turns a duplicate run (same job, fire key and
   * attempt) into a no-op counting 0. PostgreSQL aborts the whole transaction on a failed
   * statement, so it needs ON CONFLICT, which also waits out a duplicate another transaction is
   * inserting. The store guards H2 with NOT EXISTS (and catches the rare concurrent duplicate key)
   * and uses INSERT IGNORE on MariaDB, so that a duplicate does not fail a batch of inserts.
   */
  public String ignoreDuplicateRun() {
    return this == POSTGRESQL ? " ON CONFLICT (job_id, fire_key, attempt) DO NOTHING" : "";
  }

  /** A typed BIGINT parameter, where a bare one would have no type (a SELECT list). */
  public String bigintParam() {
    return this == MARIADB ? "CAST(? AS SIGNED)" : "CAST(? AS BIGINT)";
  }

  /** The object to bind for a timestamp column. */
  public Object timestamp(@Nullable Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Reads a timestamp column as an instant. */
  @Nullable
  public Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * The spelling of an unquoted identifier as this database stores it, so that Flyway (which
   * quotes) and the store's SQL (which does not) name the same schema.
   */
  public String storedIdentifier(String identifier) {
    return switch (this) {
      case H2 -> identifier.toUpperCase(Locale.ROOT);
      case POSTGRESQL -> identifier.toLowerCase(Locale.ROOT);
      case MARIADB -> identifier;
    };
  }

  /** Detects the dialect from a live connection. */
  public static Dialect detect(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return fromMetaData(connection.getMetaData());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open a connection to detect the database", e);
    }
  }

  static Dialect fromMetaData(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return MARIADB;
    }
    throw new IllegalStateException(
        "Unsupported database '"
            + metaData.getDatabaseProductName()
            + "': Chronos supports H2, PostgreSQL and MySQL/MariaDB");
  }
}
