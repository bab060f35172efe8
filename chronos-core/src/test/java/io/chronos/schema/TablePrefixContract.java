package io.chronos.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.security.Actor;
import io.chronos.testsupport.DatabaseContract;
import io.chronos.testsupport.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fallback for hosts that cannot give Chronos a schema of its own: every Chronos table, index
 * and constraint carries a prefix, beside the host's own tables of the same names in one schema.
 */
abstract class TablePrefixContract extends DatabaseContract {

  private void createHostTables() {
    String create = kind() == TestDatabase.Kind.MARIADB ? "CREATE DATABASE " : "CREATE SCHEMA ";
    db.execute(create + db.schema());
    db.execute(
        "CREATE TABLE " + db.schema() + ".users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL)");
    db.execute("CREATE UNIQUE INDEX uq_users_email ON " + db.schema() + ".users (email)");
    db.execute("INSERT INTO " + db.schema() + ".users (id, email) VALUES (1, 'host@example.com')");
  }

  private Chronos node(String prefix) {
    return nodes.node(b -> b.tablePrefix(prefix).nodeId("node-" + prefix));
  }

  private long count(String sql) {
    Long n = jdbc.queryForObject(sql, Long.class);
    return n == null ? 0 : n;
  }

  @Test
  void two_prefixed_installations_run_beside_the_hosts_tables_in_one_schema() {
    createHostTables();
    Chronos first = node("chr_").start();
    Chronos second = node("two_").start();
    for (Chronos chronos : new Chronos[] {first, second}) {
      Job job =
          chronos
              .jobs()
              .create(
                  Actor.system(), JobSpec.dummy(unique("prefixed")).cron("0 0 3 * * ?").build());
      JobRun run = chronos.jobs().trigger(Actor.system(), job.id());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  chronos.runs().get(Actor.system(), run.id()).orElseThrow().status()
                      == RunStatus.SUCCEEDED);
    }
    assertThat(count("SELECT COUNT(*) FROM " + db.schema() + ".chr_jobs")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM " + db.schema() + ".two_jobs")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM " + db.schema() + ".chr_job_schedules")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM " + db.schema() + ".chr_QRTZ_LOCKS")).isPositive();
    // Flyway quotes its history table's name: on H2 it keeps its lower case.
    String history =
        kind() == TestDatabase.Kind.H2
            ? "\"chr_chronos_schema_history\""
            : "chr_chronos_schema_history";
    assertThat(count("SELECT COUNT(*) FROM " + db.schema() + "." + history))
        .isGreaterThanOrEqualTo(db.migrationCount());
    assertThat(count("SELECT COUNT(*) FROM " + db.schema() + ".users")).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT email FROM " + db.schema() + ".users WHERE id = 1", String.class))
        .isEqualTo("host@example.com");
  }
}
