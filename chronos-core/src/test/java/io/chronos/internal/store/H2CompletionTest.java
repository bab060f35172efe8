package io.chronos.internal.store;

import io.chronos.testsupport.TestDatabase;

class H2CompletionTest extends CompletionContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
