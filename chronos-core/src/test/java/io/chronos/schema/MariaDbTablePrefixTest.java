package io.chronos.schema;

import io.chronos.testsupport.TestDatabase;
import org.junit.jupiter.api.Tag;

@Tag("services")
class MariaDbTablePrefixTest extends TablePrefixContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.MARIADB;
  }
}
