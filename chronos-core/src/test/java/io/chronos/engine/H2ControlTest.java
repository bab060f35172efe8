package io.chronos.engine;

import io.chronos.testsupport.TestDatabase;

class H2ControlTest extends ControlContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
