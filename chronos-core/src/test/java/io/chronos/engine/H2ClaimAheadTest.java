package io.chronos.engine;

import io.chronos.testsupport.TestDatabase;

class H2ClaimAheadTest extends ClaimAheadContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
