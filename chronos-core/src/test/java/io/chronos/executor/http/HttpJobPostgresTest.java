package io.chronos.executor.http;

import io.chronos.testsupport.TestDatabase;
import org.junit.jupiter.api.Tag;

@Tag("services")
class HttpJobPostgresTest extends HttpJobContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.POSTGRESQL;
  }
}
