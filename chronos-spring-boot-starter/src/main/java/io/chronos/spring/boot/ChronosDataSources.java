package io.chronos.spring.boot;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Chooses the DataSource Chronos uses, the same way for the node, the health check and the rest.
 */
public final class ChronosDataSources {

  private ChronosDataSources() {}

  /**
   * The DataSource marked {@link ChronosDataSource @ChronosDataSource}, else the application's only
   * (or primary) one.
   *
   * @param dataSources every DataSource bean
   * @param chronosDataSource the ones marked {@code @ChronosDataSource}
   * @throws IllegalStateException when there are several, none primary and none marked
   */
  public static DataSource select(
      ObjectProvider<DataSource> dataSources, ObjectProvider<DataSource> chronosDataSource) {
    DataSource dedicated = chronosDataSource.getIfAvailable();
    if (dedicated != null) {
      return dedicated;
    }
    DataSource unique = dataSources.getIfUnique();
    if (unique == null) {
      throw new IllegalStateException(
          "Chronos needs one DataSource, but the application has several and none is primary:"
              + " mark the one for Chronos with @ChronosDataSource");
    }
    return unique;
  }
}
