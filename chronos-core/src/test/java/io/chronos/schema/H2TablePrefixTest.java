package io.chronos.schema;

import io.chronos.testsupport.TestDatabase;

class H2TablePrefixTest extends TablePrefixContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
