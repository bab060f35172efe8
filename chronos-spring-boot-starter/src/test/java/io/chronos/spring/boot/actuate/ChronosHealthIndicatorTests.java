package io.chronos.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.Chronos;
import io.chronos.spring.boot.ChronosAutoConfiguration;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ChronosHealthIndicatorTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  ChronosAutoConfiguration.class,
                  ChronosHealthContributorAutoConfiguration.class))
          .withPropertyValues("spring.datasource.generate-unique-name=true");

  @Test
  void is_up_with_node_details_when_started() {
    runner.run(
        context -> {
          assertThat(context).hasBean("chronosHealthIndicator");
          Health health = context.getBean(ChronosHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails())
              .containsEntry("nodeId", context.getBean(Chronos.class).nodeId())
              .containsEntry("started", true)
              .containsEntry("leaseFresh", true)
              .containsKeys("lastHeartbeat", "liveNodes", "dlqDepth");
        });
  }

  @Test
  void reports_the_configured_status_when_the_dead_letter_queue_is_too_deep() {
    DataSource dataSource = h2();
    try (Chronos chronos =
        Chronos.builder()
            .dataSource(dataSource)
            .nodeId("dlq")
            .pollInterval(java.time.Duration.ofMillis(20))
            .build()
            .start()) {
      var actor = io.chronos.security.Actor.system();
      var job =
          chronos
              .jobs()
              .create(
                  actor,
                  io.chronos.job.JobSpec.dummy("failing")
                      .payload(io.chronos.payload.DummyPayload.alwaysFail("down"))
                      .retry(io.chronos.retry.RetryPolicy.noRetries())
                      .build());
      chronos.jobs().trigger(actor, job.id());
      chronos.jobs().trigger(actor, job.id());
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> chronos.deadLetters().depth() == 2);
      Health degraded = new ChronosHealthIndicator(chronos, dataSource, 1, "DEGRADED").health();
      assertThat(degraded.getStatus()).isEqualTo(new Status("DEGRADED"));
      assertThat(degraded.getDetails())
          .containsEntry("dlqDepth", 2L)
          .containsEntry("dlqThreshold", 1L);
      Health fine = new ChronosHealthIndicator(chronos, dataSource, 2, "DEGRADED").health();
      assertThat(fine.getStatus()).isEqualTo(Status.UP);
    }
  }

  @Test
  void can_be_switched_off() {
    runner
        .withPropertyValues("management.health.chronos.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ChronosHealthIndicator.class));
  }

  @Test
  void is_down_when_the_node_is_not_started() {
    DataSource dataSource = h2();
    try (Chronos chronos = Chronos.builder().dataSource(dataSource).nodeId("idle").build()) {
      Health health = new ChronosHealthIndicator(chronos, dataSource).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails())
          .containsEntry("nodeId", "idle")
          .containsEntry("started", false);
    }
  }

  @Test
  void is_down_when_the_database_does_not_answer() {
    DataSource dataSource = h2();
    try (Chronos chronos = Chronos.builder().dataSource(dataSource).nodeId("cut-off").build()) {
      chronos.start();
      Health health = new ChronosHealthIndicator(chronos, new UnreachableDataSource()).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails())
          .containsEntry("nodeId", "cut-off")
          .containsEntry("started", true)
          .containsKey("error");
    }
  }

  private static DataSource h2() {
    return new DriverManagerDataSource(
        "jdbc:h2:mem:health-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /** A database that is down. */
  private static final class UnreachableDataSource implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException("Connection refused");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
