package io.chronos.engine;

import io.chronos.testsupport.TestDatabase;

class H2FailureTest extends FailureContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
