package io.chronos.engine;

import io.chronos.testsupport.TestDatabase;

class ScriptAndFileSystemJobsH2Test extends ScriptAndFileSystemJobsContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
