package io.chronos.engine;

import io.chronos.testsupport.TestDatabase;
import org.junit.jupiter.api.Tag;

@Tag("services")
class MariaDbBusyFireTest extends BusyFireContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.MARIADB;
  }
}
