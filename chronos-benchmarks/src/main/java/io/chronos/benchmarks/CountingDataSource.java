package io.chronos.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Counts, on the client, the SQL statements a scheduler sends and the transactions it commits: a
 * statement is one execute call or one row of a JDBC batch; a transaction is one commit() or one
 * statement (or batch) run in auto-commit mode. The server-side count (pg_stat_database) is taken
 * as well; this one is immune to other clients of the same database.
 */
final class CountingDataSource implements DataSource {
  final AtomicLong statements;
  final AtomicLong roundTrips;
  final AtomicLong commits;
  final AtomicLong rollbacks;
  private final DataSource target;

  CountingDataSource(DataSource target) {
    this.target = target;
    this.statements = new AtomicLong();
    this.roundTrips = new AtomicLong();
    this.commits = new AtomicLong();
    this.rollbacks = new AtomicLong();
  }

  /** Another data source counted into {@code counts}'s counters (a second node's pool). */
  CountingDataSource(DataSource target, CountingDataSource counts) {
    this.target = target;
    this.statements = counts.statements;
    this.roundTrips = counts.roundTrips;
    this.commits = counts.commits;
    this.rollbacks = counts.rollbacks;
  }

  void reset() {
    statements.set(0);
    roundTrips.set(0);
    commits.set(0);
    rollbacks.set(0);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(target.getConnection(user, password));
  }

  private Connection wrap(Connection real) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new ConnectionHandler(real));
  }

  private final class ConnectionHandler implements InvocationHandler {
    private final Connection real;

    ConnectionHandler(Connection real) {
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("commit")) {
        commits.incrementAndGet();
      } else if (name.equals("rollback") && (args == null || args.length == 0)) {
        rollbacks.incrementAndGet();
      }
      Object result = call(real, method, args);
      if (result instanceof Statement statement) {
        Class<?> type =
            result instanceof CallableStatement
                ? CallableStatement.class
                : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, new StatementHandler(statement, real));
      }
      return result;
    }
  }

  private final class StatementHandler implements InvocationHandler {
    private final Statement real;
    private final Connection connection;
    private long batched;

    StatementHandler(Statement real, Connection connection) {
      this.real = real;
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
          statements.incrementAndGet();
          roundTrips.incrementAndGet();
          autoCommitted();
        }
        case "addBatch" -> batched++;
        case "clearBatch" -> batched = 0;
        case "executeBatch", "executeLargeBatch" -> {
          statements.addAndGet(batched);
          batched = 0;
          roundTrips.incrementAndGet();
          autoCommitted();
        }
        default -> {}
      }
      return call(real, method, args);
    }

    private void autoCommitted() throws SQLException {
      if (connection.getAutoCommit()) {
        commits.incrementAndGet();
      }
    }
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }
}
