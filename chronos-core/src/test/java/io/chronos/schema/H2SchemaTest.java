package io.chronos.schema;

import io.chronos.testsupport.TestDatabase.Kind;

/** The schema contract on embedded H2, the default database. */
class H2SchemaTest extends SchemaContract {
  @Override
  Kind kind() {
    return Kind.H2;
  }
}
