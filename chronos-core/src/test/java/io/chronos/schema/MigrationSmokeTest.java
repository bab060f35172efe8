package io.chronos.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.internal.store.SchemaMigrator;
import io.chronos.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

class MigrationSmokeTest {
  @Test
  void migrates_h2() {
    try (TestDatabase db = TestDatabase.open(TestDatabase.Kind.H2)) {
      assertThat(SchemaMigrator.migrate(db.dataSource(), db.dialect(), db.schema()))
          .isEqualTo(SchemaContract.MIGRATIONS);
      assertThat(SchemaMigrator.migrate(db.dataSource(), db.dialect(), db.schema())).isZero();
      db.execute("SELECT COUNT(*) FROM " + db.schema() + ".jobs");
      db.execute("SELECT COUNT(*) FROM " + db.schema() + ".qrtz_triggers");
    }
  }
}
