package io.chronos.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.Chronos;
import io.chronos.internal.secret.SecretCodec;
import io.chronos.internal.store.RunRepository.ClaimedRun;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.security.Actor;
import io.chronos.testsupport.DatabaseContract;
import io.chronos.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The claim's candidate query on MariaDB reads the due index in order and stops at the LIMIT, also
 * on a connection whose collation is not the columns' {@code utf8mb4_bin} (Connector/J's default is
 * the server's, {@code utf8mb4_general_ci} here). Ordered by {@code status, not_before}, MariaDB
 * did not treat the status as a constant there and sorted every QUEUED row at each claim. Counted
 * in the session's handler reads, not timed.
 */
@Tag("services")
class MariaDbClaimPlanTest extends DatabaseContract {
  private static final int QUEUED = 4_000;

  /** A new key for copy number {@code seq} of the row whose key is in the column. */
  private static final String KEY = "CONCAT(LEFT(%1$s, 20), LPAD(seq, 6, '0'))";

  @Override
  protected TestDatabase.Kind kind() {
    return TestDatabase.Kind.MARIADB;
  }

  @Test
  void a_claim_reads_the_due_runs_in_index_order_whatever_the_connection_collation()
      throws SQLException {
    Chronos chronos = nodes.node();
    Job job = chronos.jobs().create(Actor.system(), JobSpec.dummy(unique("plan")).manual().build());
    String runId = chronos.jobs().trigger(Actor.system(), job.id()).id();
    try (Connection connection = db.dataSource().getConnection()) {
      SingleConnectionDataSource session = new SingleConnectionDataSource(connection, true);
      JdbcTemplate sql = new JdbcTemplate(session);
      // A backlog of one-time runs of as many jobs, as the benchmark's: with a few hundred rows,
      // or all of one job, MariaDB picks the index order anyway.
      copy(
          sql,
          "jobs",
          "id",
          job.id(),
          Map.of("id", KEY.formatted("id"), "name", "CONCAT(name, seq)"));
      copy(sql, "job_payloads", "job_id", job.id(), Map.of("job_id", KEY.formatted("job_id")));
      copy(
          sql,
          "job_runs",
          "id",
          runId,
          Map.of("id", KEY.formatted("id"), "job_id", KEY.formatted("job_id")));
      for (String table : List.of("jobs", "job_payloads", "job_runs")) {
        sql.execute("ANALYZE TABLE " + db.schema() + "." + table);
      }
      sql.execute("SET NAMES utf8mb4 COLLATE utf8mb4_general_ci");
      Db store = new Db(session, null, db.dialect(), new Tables(db.schema()), Clock.systemUTC());
      RunRepository runs =
          new RunRepository(
              store, new PayloadColumns(type -> Optional.empty(), new SecretCodec(null)));

      long before = handlerReads(sql);
      List<ClaimedRun> claimed =
          store.inReadCommittedTransaction(
              () -> runs.claim("plan-node", 5, Duration.ofSeconds(30), Instant.now()));
      long read = handlerReads(sql) - before;

      assertThat(claimed).hasSize(5);
      // In index order: the five runs, their jobs, users and payloads, a few more. Sorted: all.
      assertThat(read).isLessThan(QUEUED / 10);
    }
  }

  /** Copies one row QUEUED times, with the given column expressions over MariaDB's seq table. */
  private void copy(
      JdbcTemplate sql, String table, String keyColumn, String key, Map<String, String> changes) {
    List<String> columns =
        sql.queryForList(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND"
                + " table_name = ? ORDER BY ordinal_position",
            String.class,
            db.schema(),
            table);
    String values =
        columns.stream()
            .map(c -> changes.getOrDefault(c.toLowerCase(java.util.Locale.ROOT), c))
            .collect(Collectors.joining(", "));
    sql.update(
        "INSERT INTO "
            + db.schema()
            + "."
            + table
            + " ("
            + String.join(", ", columns)
            + ") SELECT "
            + values
            + " FROM "
            + db.schema()
            + "."
            + table
            + " JOIN seq_1_to_"
            + QUEUED
            + " WHERE "
            + keyColumn
            + " = ?",
        key);
  }

  /** Index reads of this session so far (SHOW STATUS itself reads a temporary table only). */
  private static long handlerReads(JdbcTemplate sql) {
    return sql.query(
        "SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_next', 'Handler_read_key')",
        rs -> {
          long sum = 0;
          while (rs.next()) {
            sum += rs.getLong(2);
          }
          return sum;
        });
  }
}
