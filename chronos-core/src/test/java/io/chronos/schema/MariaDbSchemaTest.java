package io.chronos.schema;

import io.chronos.testsupport.TestDatabase.Kind;
import org.junit.jupiter.api.Tag;

/** The schema contract on the local MariaDB server (services profile). */
@Tag("services")
class MariaDbSchemaTest extends SchemaContract {
  @Override
  Kind kind() {
    return Kind.MARIADB;
  }
}
