package io.chronos.internal.quartz;

import java.sql.Connection;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.SchedulerConfigException;
import org.quartz.impl.jdbcjobstore.JobStoreCMT;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Quartz's clustered JDBC store on the host's DataSource, joining Spring-managed transactions: a
 * job change made by Chronos writes its own rows and Quartz's rows in one transaction. Quartz's own
 * background work (acquiring triggers, cluster check-in, misfires) runs on plain connections that
 * it commits itself.
 *
 * <p>Quartz finds connections by name in a JVM-wide registry; every store registers under names
 * unique to the instance, so several Chronos nodes can live in one JVM (tests, multi-tenant hosts).
 */
final class ChronosJobStore extends JobStoreCMT {
  private final DataSource dataSource;
  private final String txName;
  private final String nonTxName;

  ChronosJobStore(DataSource dataSource) {
    this.dataSource = dataSource;
    String suffix = UUID.randomUUID().toString();
    this.txName = "chronos-tx-" + suffix;
    this.nonTxName = "chronos-nontx-" + suffix;
  }

  @Override
  public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler)
      throws SchedulerConfigException {
    setDataSource(txName);
    setDontSetAutoCommitFalse(true);
    setNonManagedTXDataSource(nonTxName);
    DBConnectionManager.getInstance().addConnectionProvider(txName, new Provider(true, dataSource));
    DBConnectionManager.getInstance()
        .addConnectionProvider(nonTxName, new Provider(false, dataSource));
    super.initialize(loadHelper, signaler);
  }

  @Override
  protected void closeConnection(Connection connection) {
    // Releases a transaction-bound connection to Spring, closes any other.
    DataSourceUtils.releaseConnection(connection, dataSource);
  }

  @Override
  public void shutdown() {
    super.shutdown();
    // The registry has no removal: replace the providers so the DataSource is not kept alive.
    DBConnectionManager.getInstance().addConnectionProvider(txName, new Provider(false, null));
    DBConnectionManager.getInstance().addConnectionProvider(nonTxName, new Provider(false, null));
  }

  private record Provider(boolean transactional, DataSource dataSource)
      implements ConnectionProvider {
    @Override
    public Connection getConnection() throws java.sql.SQLException {
      if (dataSource == null) {
        throw new java.sql.SQLException("Chronos scheduler is shut down");
      }
      return transactional
          ? DataSourceUtils.doGetConnection(dataSource)
          : dataSource.getConnection();
    }

    @Override
    public void shutdown() {
      // The host owns the DataSource and its lifecycle.
    }

    @Override
    public void initialize() {
      // Nothing to set up: the DataSource is ready.
    }
  }
}
