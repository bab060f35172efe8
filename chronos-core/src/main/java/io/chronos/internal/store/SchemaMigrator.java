package io.chronos.internal.store;

import io.chronos.internal.dialect.Dialect;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the Chronos schema with Flyway. Chronos keeps its tables in a schema of its
 * own (default {@code chronos}) with its own history table, so the host's tables and the host's
 * Flyway history are never touched.
 */
public final class SchemaMigrator {

  /** Name of the Flyway history table Chronos keeps in its own schema. */
  public static final String HISTORY_TABLE = "chronos_schema_history";

  private SchemaMigrator() {}

  /** Migrates the schema to the latest version and returns the number of migrations applied. */
  public static int migrate(DataSource dataSource, Dialect dialect, String schema) {
    String stored = dialect.storedIdentifier(schema);
    MigrateResult result =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .schemas(stored)
            .defaultSchema(stored)
            .createSchemas(true)
            .table(HISTORY_TABLE)
            .locations("classpath:io/chronos/db/migration/" + dialect.migrationFolder())
            .baselineOnMigrate(false)
            .load()
            .migrate();
    return result.migrationsExecuted;
  }
}
