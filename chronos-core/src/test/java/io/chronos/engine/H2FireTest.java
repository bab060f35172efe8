package io.chronos.engine;

import io.chronos.testsupport.TestDatabase;

class H2FireTest extends FireContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
