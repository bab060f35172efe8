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
    return migrate(dataSource, dialect, schema, "");
  }

  /**
   * Migrates Chronos's tables, every name starting with {@code prefix}, in the schema; returns the
   * number of migrations applied. The history table is {@code <prefix>chronos_schema_history}.
   */
  public static int migrate(DataSource dataSource, Dialect dialect, String schema, String prefix) {
    String stored = dialect.storedIdentifier(schema);
    MigrateResult result =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .schemas(stored)
            .defaultSchema(stored)
            .createSchemas(true)
            .table(prefix + HISTORY_TABLE)
            .placeholders(java.util.Map.of("prefix", prefix))
            .locations("classpath:io/chronos/db/migration/" + dialect.migrationFolder())
            // A prefixed installation shares the host's (non-empty) schema: start its own
            // history at version 0 so every migration still runs.
            .baselineOnMigrate(!prefix.isEmpty())
            .baselineVersion("0")
            .load()
            .migrate();
    return result.migrationsExecuted;
  }
}
