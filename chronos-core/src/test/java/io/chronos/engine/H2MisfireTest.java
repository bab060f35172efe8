package io.chronos.engine;

import io.chronos.testsupport.TestDatabase;

class H2MisfireTest extends MisfireContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
