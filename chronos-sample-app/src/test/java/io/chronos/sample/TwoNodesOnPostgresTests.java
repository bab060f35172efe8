package io.chronos.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two instances of the sample application in one JVM, on the local PostgreSQL and one fresh Chronos
 * schema: the annotated {@code sample-heartbeat} (made to fire every second through the {@code
 * sample.heartbeat.cron} placeholder) is reconciled into one job, and each of its fire times
 * produces exactly one run, executed by one of the two nodes. Runs with {@code -Pservices}.
 */
@Tag("services")
class TwoNodesOnPostgresTests {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String JOB = "sample-heartbeat";
  private static final int RUNS = 5;

  private final String schema =
      ("chronos_two_" + ProcessHandle.current().pid() + "_" + UUID.randomUUID())
          .replace("-", "")
          .substring(0, 40)
          .toLowerCase(Locale.ROOT);

  private ConfigurableApplicationContext start(String nodeId) {
    return new SpringApplicationBuilder(SampleApplication.class)
        .profiles("postgres")
        .properties(
            "server.port=0",
            "spring.datasource.url=" + URL,
            "spring.datasource.username=postgres",
            "spring.datasource.hikari.maximum-pool-size=5",
            "chronos.schema=" + schema,
            "chronos.node-id=" + nodeId,
            "chronos.poll-interval=100ms",
            "chronos.lease=5s",
            "chronos.shutdown-timeout=2s",
            "chronos.cluster-checkin-interval=1s",
            "sample.heartbeat.cron=* * * * * ?")
        .run();
  }

  @Test
  void two_nodes_share_the_annotated_job_and_run_each_fire_once() {
    List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    try {
      // One after the other: DemoJobs (find by name, then create) is not meant to race.
      contexts.add(start("sample-node-a"));
      contexts.add(start("sample-node-b"));
      JdbcTemplate jdbc = new JdbcTemplate(contexts.get(0).getBean(DataSource.class));

      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM " + schema + ".jobs WHERE name = ?", Long.class, JOB))
          .as("one job for both nodes' declarations")
          .isEqualTo(1L);
      String jobId =
          jdbc.queryForObject(
              "SELECT id FROM " + schema + ".jobs WHERE name = ?", String.class, JOB);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  jdbc.queryForObject(
                      "SELECT COUNT(*) FROM "
                          + schema
                          + ".job_runs WHERE job_id = ? AND status = 'SUCCEEDED'",
                      Long.class,
                      jobId),
              n -> n >= RUNS);

      List<Run> runs =
          jdbc.query(
              "SELECT scheduled_at, attempt, trigger_type, status, node_id FROM "
                  + schema
                  + ".job_runs WHERE job_id = ?",
              (rs, i) ->
                  new Run(
                      rs.getObject("scheduled_at", OffsetDateTime.class).toInstant().toString(),
                      rs.getInt("attempt"),
                      rs.getString("trigger_type"),
                      rs.getString("status"),
                      rs.getString("node_id")),
              jobId);
      assertThat(runs).as("every fire time produces exactly one run").hasSizeGreaterThan(RUNS - 1);
      assertThat(runs.stream().map(Run::scheduledAt)).doesNotHaveDuplicates();
      assertThat(runs).allSatisfy(run -> assertThat(run.attempt()).isEqualTo(1));
      assertThat(runs).allSatisfy(run -> assertThat(run.triggerType()).isEqualTo("SCHEDULE"));
      assertThat(runs.stream().filter(run -> run.status().equals("SUCCEEDED")))
          .allSatisfy(
              run -> assertThat(run.nodeId()).isIn(Set.of("sample-node-a", "sample-node-b")));
    } finally {
      for (ConfigurableApplicationContext context : contexts) {
        context.close();
      }
      DriverManagerDataSource admin = new DriverManagerDataSource(URL, "postgres", "");
      new JdbcTemplate(admin).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private record Run(
      String scheduledAt, int attempt, String triggerType, String status, String nodeId) {}
}
