package io.chronos.internal.store;

import io.chronos.testsupport.TestDatabase;
import org.junit.jupiter.api.Tag;

@Tag("services")
class PostgresCompletionTest extends CompletionContract {
  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.POSTGRESQL;
  }
}
