package io.chronos.engine;

import io.chronos.testsupport.TestDatabase;

class H2EngineTest extends EngineContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
