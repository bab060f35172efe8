package io.chronos.executor.http;

import io.chronos.testsupport.TestDatabase;

class HttpJobH2Test extends HttpJobContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
