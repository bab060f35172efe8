package io.chronos.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.Chronos;
import io.chronos.FieldError;
import io.chronos.PageRequest;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.job.JobType;
import io.chronos.payload.CustomPayload;
import io.chronos.security.Actor;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class ChronosAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  ChronosAutoConfiguration.class))
          .withPropertyValues("spring.datasource.generate-unique-name=true");

  @Test
  void starts_a_node_on_the_applications_datasource() {
    runner.run(
        context -> {
          assertThat(context)
              .hasSingleBean(Chronos.class)
              .hasSingleBean(ChronosLifecycle.class)
              .hasSingleBean(MethodJobExecutor.class)
              .hasSingleBean(ChronosProperties.class);
          Chronos chronos = context.getBean(Chronos.class);
          assertThat(chronos.isStarted()).isTrue();
          assertThat(chronosTables(context.getBean(DataSource.class), "CHRONOS")).contains("JOBS");
        });
  }

  @Test
  void closes_the_node_with_the_context() {
    Chronos[] node = new Chronos[1];
    runner.run(context -> node[0] = context.getBean(Chronos.class));
    assertThat(node[0].isStarted()).isFalse();
  }

  @Test
  void backs_off_when_disabled() {
    runner
        .withPropertyValues("chronos.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(Chronos.class)
                    .doesNotHaveBean(ChronosLifecycle.class));
  }

  @Test
  void backs_off_without_chronos_on_the_class_path() {
    runner
        .withClassLoader(new FilteredClassLoader(Chronos.class))
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(ChronosAutoConfiguration.class)
                    .doesNotHaveBean(ChronosLifecycle.class));
  }

  @Test
  void backs_off_without_a_datasource() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ChronosAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Chronos.class));
  }

  @Test
  void a_user_defined_node_wins_and_is_started() {
    runner
        .withUserConfiguration(OwnNode.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(Chronos.class);
              Chronos chronos = context.getBean(Chronos.class);
              assertThat(chronos.nodeId()).isEqualTo("own-node");
              assertThat(chronos.isStarted()).isTrue();
            });
  }

  @Test
  void properties_reach_the_builder() {
    runner
        .withPropertyValues(
            "chronos.node-id=node-a",
            "chronos.schema=scheduler",
            "chronos.worker-threads=3",
            "chronos.poll-interval=50ms",
            "chronos.lease=25s",
            "chronos.heartbeat-interval=2s",
            "chronos.shutdown-timeout=5s",
            "chronos.quartz-threads=2",
            "chronos.cluster-checkin-interval=2s",
            "chronos.misfire-threshold=30s",
            "chronos.default-zone=Europe/Berlin")
        .withUserConfiguration(CronWithoutZone.class)
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              assertThat(chronos.nodeId()).isEqualTo("node-a");
              DataSource dataSource = context.getBean(DataSource.class);
              assertThat(chronosTables(dataSource, "SCHEDULER")).contains("JOBS", "JOB_RUNS");
              assertThat(chronosTables(dataSource, "CHRONOS")).isEmpty();
              Job job = systemJob(chronos, "cronWithoutZone.run");
              assertThat(job.schedule())
                  .isEqualTo(io.chronos.schedule.Schedule.cron("0 0 2 * * ?", "Europe/Berlin"));
            });
  }

  /** Each property is handed to the builder: an out-of-range value fails naming the option. */
  @ParameterizedTest
  @CsvSource({
    "chronos.worker-threads=0, workerThreads",
    "chronos.poll-interval=1ms, pollInterval",
    "chronos.lease=0s, lease",
    "chronos.heartbeat-interval=1ms, heartbeatInterval",
    "chronos.shutdown-timeout=2h, shutdownTimeout",
    "chronos.quartz-threads=0, quartzThreads",
    "chronos.cluster-checkin-interval=1ms, clusterCheckinInterval",
    "chronos.misfire-threshold=1ms, misfireThreshold",
    "chronos.schema=no-dashes, schema"
  })
  void an_invalid_property_stops_start_up_naming_the_option(String property, String option) {
    runner
        .withPropertyValues(property)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(option);
            });
  }

  @Test
  void customizers_are_applied_in_order_after_the_properties() {
    runner
        .withPropertyValues("chronos.node-id=from-properties")
        .withUserConfiguration(Customizers.class)
        .run(
            context ->
                assertThat(context.getBean(Chronos.class).nodeId()).isEqualTo("second-customizer"));
  }

  @Test
  void executor_beans_are_registered() {
    runner
        .withUserConfiguration(EchoExecutorConfiguration.class)
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              Job job =
                  chronos
                      .jobs()
                      .create(Actor.system(), JobSpec.builder("echo", new Echo("hi")).build());
              assertThat(job.payload()).isEqualTo(new Echo("hi"));
            });
  }

  @Test
  void chronos_joins_the_applications_transactions() {
    runner.run(
        context -> {
          Chronos chronos = context.getBean(Chronos.class);
          TransactionTemplate tx =
              new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
          tx.executeWithoutResult(
              status -> {
                chronos.jobs().create(Actor.system(), JobSpec.dummy("rolled-back").build());
                status.setRollbackOnly();
              });
          assertThat(chronos.jobs().findByName(Actor.system(), Actor.SYSTEM_USER_ID, "rolled-back"))
              .isEmpty();
        });
  }

  @Test
  void a_transaction_manager_of_another_datasource_is_not_used() {
    runner
        .withUserConfiguration(ForeignTransactionManager.class)
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              TransactionTemplate tx =
                  new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
              tx.executeWithoutResult(
                  status -> {
                    chronos.jobs().create(Actor.system(), JobSpec.dummy("kept").build());
                    status.setRollbackOnly();
                  });
              assertThat(chronos.jobs().findByName(Actor.system(), Actor.SYSTEM_USER_ID, "kept"))
                  .isPresent();
            });
  }

  @Test
  void a_chronos_datasource_is_preferred() {
    runner
        .withUserConfiguration(DedicatedDataSource.class)
        .run(
            context -> {
              DataSource dedicated = context.getBean("chronosOwnDataSource", DataSource.class);
              assertThat(chronosTables(dedicated, "CHRONOS")).contains("JOBS");
              assertThat(chronosTables(context.getBean("dataSource", DataSource.class), "CHRONOS"))
                  .isEmpty();
            });
  }

  static List<String> chronosTables(DataSource dataSource, String schema) {
    return new JdbcTemplate(dataSource)
        .queryForList(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
            String.class,
            schema);
  }

  static Job systemJob(Chronos chronos, String name) {
    return chronos.jobs().findByName(Actor.system(), Actor.SYSTEM_USER_ID, name).orElseThrow();
  }

  static String latestRunStatus(Chronos chronos, String jobId) {
    return chronos.runs().forJob(Actor.system(), jobId, PageRequest.first(1)).items().stream()
        .findFirst()
        .map(run -> run.status().name())
        .orElse("NONE");
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnNode {
    @Bean
    Chronos chronos(DataSource dataSource) {
      return Chronos.builder().dataSource(dataSource).nodeId("own-node").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CronWithoutZone {
    @Bean
    CronWithoutZoneJob cronWithoutZone() {
      return new CronWithoutZoneJob();
    }
  }

  static class CronWithoutZoneJob {
    @ChronosJob(cron = "0 0 2 * * ?")
    void run() {}
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    @Bean
    @Order(2)
    ChronosBuilderCustomizer second() {
      return builder -> builder.nodeId("second-customizer");
    }

    @Bean
    @Order(1)
    ChronosBuilderCustomizer first() {
      return builder -> builder.nodeId("first-customizer");
    }
  }

  /** A host-defined job type. */
  public record Echo(String text) implements CustomPayload {
    @Override
    public JobType type() {
      return JobType.custom("ECHO");
    }
  }

  static final class EchoExecutor implements JobExecutor<Echo> {
    @Override
    public JobType type() {
      return JobType.custom("ECHO");
    }

    @Override
    public Class<Echo> payloadType() {
      return Echo.class;
    }

    @Override
    public List<FieldError> validate(Echo payload) {
      return List.of();
    }

    @Override
    public ExecutionResult execute(Echo payload, ExecutionContext context) {
      return ExecutionResult.success(payload.text());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class EchoExecutorConfiguration {
    @Bean
    EchoExecutor echoExecutor() {
      return new EchoExecutor();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ForeignTransactionManager {
    @Bean
    PlatformTransactionManager transactionManager() {
      DriverManagerDataSource other =
          new DriverManagerDataSource("jdbc:h2:mem:other-" + UUID.randomUUID());
      return new org.springframework.jdbc.support.JdbcTransactionManager(other);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class DedicatedDataSource {
    @Bean
    @ChronosDataSource
    DataSource chronosOwnDataSource() {
      return new DriverManagerDataSource(
          "jdbc:h2:mem:dedicated-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Bean
    @org.springframework.context.annotation.Primary
    DataSource dataSource() {
      return new DriverManagerDataSource(
          "jdbc:h2:mem:main-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
  }
}
