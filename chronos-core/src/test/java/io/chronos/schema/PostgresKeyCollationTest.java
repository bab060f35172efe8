package io.chronos.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.internal.dialect.Dialect;
import io.chronos.internal.store.SchemaMigrator;
import io.chronos.testsupport.TestDatabase;
import io.chronos.testsupport.TestDatabase.Kind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V12 on PostgreSQL: keys and machine-written codes in the "C" collation, applied to a schema that
 * already holds rows (as an upgrade does), with the rows, their order, the keys' constraints and
 * the planner's statistics intact afterwards.
 */
@Tag("services")
class PostgresKeyCollationTest {
  private TestDatabase database;
  private JdbcTemplate jdbc;

  @BeforeEach
  void openDatabase() {
    database = TestDatabase.open(Kind.POSTGRESQL);
    jdbc = new JdbcTemplate(database.dataSource());
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  @Test
  void an_upgraded_schema_keeps_its_rows_order_and_keys_and_compares_keys_byte_by_byte() {
    Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(database.dataSource())
        .schemas(database.schema())
        .defaultSchema(database.schema())
        .createSchemas(true)
        .table(SchemaMigrator.HISTORY_TABLE)
        .placeholders(Map.of("prefix", ""))
        .locations("classpath:io/chronos/db/migration/postgresql")
        .target("11")
        .load()
        .migrate();
    String s = database.schema();
    List<String> runIds = new ArrayList<>();
    jdbc.update(
        "INSERT INTO "
            + s
            + ".users (id, email, display_name, role, enabled, created_at, updated_at)"
            + " VALUES ('01JUSER0000000000000000001', 'a@example.com', 'A', 'USER', TRUE,"
            + " now(), now())");
    jdbc.update(
        "INSERT INTO "
            + s
            + ".jobs (id, owner_id, name, job_type, status, concurrency, version, created_at,"
            + " updated_at) VALUES ('01JJOB00000000000000000001', '01JUSER0000000000000000001',"
            + " 'nightly', 'DUMMY', 'ACTIVE', 'ALLOW', 0, now(), now())");
    // Digits sort before letters in byte order; keys differing only there check the order.
    for (String suffix : List.of("Z", "0", "A", "9", "M")) {
      String id = "01JRUN000000000000000000Q" + suffix;
      runIds.add(id);
      jdbc.update(
          "INSERT INTO "
              + s
              + ".job_runs (id, job_id, status, attempt, fire_key, trigger_type, scheduled_at,"
              + " not_before, concurrency, created_at) VALUES (?, '01JJOB00000000000000000001',"
              + " 'SUCCEEDED', 1, ?, 'MANUAL', now(), now(), 'ALLOW', now())",
          id,
          "M" + suffix);
      jdbc.update(
          "INSERT INTO "
              + s
              + ".job_run_logs (id, run_id, level, message, logged_at)"
              + " VALUES (?, ?, 'INFO', 'hello', now())",
          "01JLOG000000000000000000Q" + suffix,
          id);
    }

    int applied = SchemaMigrator.migrate(database.dataSource(), Dialect.POSTGRESQL, s);

    assertThat(applied).isEqualTo(1);
    assertThat(
            jdbc.queryForList(
                "SELECT table_name || '.' || column_name FROM information_schema.columns"
                    + " WHERE table_schema = ? AND data_type = 'character'"
                    + " AND character_maximum_length = 26"
                    + " AND collation_name IS DISTINCT FROM 'C'",
                String.class,
                s))
        .as("26-character keys outside the C collation")
        .isEmpty();
    assertThat(
            jdbc.queryForList(
                "SELECT table_name || '.' || column_name || ' ' || collation_name"
                    + " FROM information_schema.columns WHERE table_schema = ?"
                    + " AND (table_name, column_name) IN (('jobs', 'status'), ('jobs', 'job_type'),"
                    + " ('job_runs', 'fire_key'), ('job_runs', 'node_id'), ('dlq_events', 'status'),"
                    + " ('audit_events', 'entity_type')) ORDER BY 1",
                String.class,
                s))
        .containsExactly(
            "audit_events.entity_type C",
            "dlq_events.status C",
            "job_runs.fire_key C",
            "job_runs.node_id C",
            "jobs.job_type C",
            "jobs.status C");
    assertThat(
            jdbc.queryForObject(
                "SELECT collation_name FROM information_schema.columns"
                    + " WHERE table_schema = ? AND table_name = 'jobs' AND column_name = 'name'",
                String.class,
                s))
        .as("text people write keeps the database's collation")
        .isNull();
    List<String> sorted = new ArrayList<>(runIds);
    sorted.sort(String::compareTo);
    assertThat(
            jdbc.queryForList(
                "SELECT r.id FROM "
                    + s
                    + ".job_runs r JOIN "
                    + s
                    + ".job_run_logs l ON l.run_id = r.id ORDER BY r.id",
                String.class))
        .containsExactlyElementsOf(sorted);
    // Parameters and casts carry the default collation; the column's "C" wins, indexes serve.
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + s + ".job_runs WHERE id = ANY (?::char(26)[])",
                Integer.class,
                "{" + runIds.get(0) + "}"))
        .isEqualTo(1);
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "INSERT INTO "
                        + s
                        + ".job_run_logs (id, run_id, level, message, logged_at)"
                        + " VALUES ('01JLOG00000000000000000099', '01JRUN0000000000000000NONE',"
                        + " 'INFO', 'orphan', now())"))
        .hasRootCauseInstanceOf(SQLException.class)
        .rootCause()
        .hasMessageContaining("fk_job_run_logs_run");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM pg_stats WHERE schemaname = ? AND tablename = 'job_runs'"
                    + " AND attname = 'id'",
                Integer.class,
                s))
        .as("statistics of the altered key, gathered again by the migration")
        .isEqualTo(1);
  }
}
