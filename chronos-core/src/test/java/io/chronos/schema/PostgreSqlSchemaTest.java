package io.chronos.schema;

import io.chronos.testsupport.TestDatabase.Kind;
import org.junit.jupiter.api.Tag;

/** The schema contract on the local PostgreSQL server (services profile). */
@Tag("services")
class PostgreSqlSchemaTest extends SchemaContract {
  @Override
  Kind kind() {
    return Kind.POSTGRESQL;
  }
}
