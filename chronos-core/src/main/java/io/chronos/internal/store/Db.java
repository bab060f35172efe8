package io.chronos.internal.store;

import io.chronos.internal.dialect.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The database as the store sees it: JDBC access, transactions, dialect, table names, clock. */
public final class Db {
  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final TransactionTemplate newTx;
  private final TransactionTemplate readCommittedTx;
  private final Dialect dialect;
  private final Tables tables;
  private final Clock clock;

  public Db(
      DataSource dataSource,
      @Nullable PlatformTransactionManager transactionManager,
      Dialect dialect,
      Tables tables,
      Clock clock) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    PlatformTransactionManager tm =
        transactionManager != null
            ? transactionManager
            : new DataSourceTransactionManager(dataSource);
    this.tx = new TransactionTemplate(tm);
    this.newTx = new TransactionTemplate(tm);
    this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.readCommittedTx = new TransactionTemplate(tm);
    this.readCommittedTx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    this.dialect = dialect;
    this.tables = tables;
    this.clock = clock;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcTemplate jdbc() {
    return jdbc;
  }

  public Dialect dialect() {
    return dialect;
  }

  public Tables tables() {
    return tables;
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Runs the work in one transaction (joining the caller's, if any) and returns its result. */
  public <T> T inTransaction(Supplier<T> work) {
    return tx.execute(status -> work.get());
  }

  /**
   * Runs the work in a READ COMMITTED transaction (MariaDB defaults to REPEATABLE READ): every
   * statement sees what other nodes committed before it, which the claim's concurrency check relies
   * on after it waited for a job row lock.
   */
  public <T> T inReadCommittedTransaction(Supplier<T> work) {
    // H2 and PostgreSQL already run READ COMMITTED: setting it would cost two round trips a claim.
    TransactionTemplate template = dialect == Dialect.MARIADB ? readCommittedTx : tx;
    return template.execute(status -> work.get());
  }

  /** Runs the work in one transaction (joining the caller's, if any). */
  public void inTransaction(Runnable work) {
    tx.executeWithoutResult(status -> work.run());
  }

  /**
   * Runs the work in a transaction of its own, committed even when the caller's transaction rolls
   * back (an audit of a refused request).
   */
  public void inNewTransaction(Runnable work) {
    newTx.executeWithoutResult(status -> work.run());
  }

  /** Runs the action after the current transaction commits, or at once outside a transaction. */
  public static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              action.run();
            }
          });
    } else {
      action.run();
    }
  }

  /** The bind value for a timestamp column. */
  public Object ts(@Nullable Instant instant) {
    return dialect.timestamp(instant);
  }

  /** Reads a timestamp column. */
  @Nullable
  public Instant instant(ResultSet rs, String column) throws SQLException {
    return dialect.instant(rs, column);
  }
}
