package io.chronos.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A real DataSource that notes every statement executed through it: each {@code execute...} call, a
 * whole JDBC batch included, is one statement sent to the database. Tests use it to say how many
 * statements a piece of work takes, not to change what the database does.
 */
public final class CountingDataSource extends DelegatingDataSource {
  private final List<String> executed = new CopyOnWriteArrayList<>();

  public CountingDataSource(DataSource target) {
    super(target);
  }

  /** The SQL of the statements executed since the last {@link #reset()}, in order. */
  public List<String> executed() {
    return List.copyOf(executed);
  }

  /** Forgets the statements executed so far. */
  public void reset() {
    executed.clear();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return noting(super.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return noting(super.getConnection(username, password));
  }

  private Connection noting(Connection connection) {
    return proxy(
        Connection.class,
        (proxy, method, args) -> {
          Object result = forward(connection, method, args);
          if (result instanceof CallableStatement call) {
            return noting(CallableStatement.class, call, (String) args[0]);
          }
          if (result instanceof PreparedStatement prepared) {
            return noting(PreparedStatement.class, prepared, (String) args[0]);
          }
          if (result instanceof Statement statement) {
            return noting(Statement.class, statement, null);
          }
          return result;
        });
  }

  /** A statement that notes each execution: its prepared SQL, or the SQL passed to execute. */
  private <S extends Statement> S noting(Class<S> type, S statement, String preparedSql) {
    return proxy(
        type,
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            boolean sqlGiven = args != null && args.length > 0 && args[0] instanceof String;
            executed.add(sqlGiven ? (String) args[0] : String.valueOf(preparedSql));
          }
          return forward(statement, method, args);
        });
  }

  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
