package io.chronos.spring.boot;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.run.JobRun;
import io.chronos.security.Actor;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's ObservationRegistry reaches the builder: each run is a chronos.run. */
class ChronosObservationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  ChronosAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.generate-unique-name=true", "chronos.poll-interval=50ms");

  @Test
  void the_observation_registry_bean_is_passed_to_the_node() {
    runner
        .withUserConfiguration(Observed.class)
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
              Job job = chronos.jobs().create(Actor.system(), JobSpec.dummy("observed").build());
              JobRun run = chronos.jobs().trigger(Actor.system(), job.id());
              await()
                  .atMost(Duration.ofSeconds(30))
                  .untilAsserted(
                      () ->
                          assertThat(registry)
                              .hasSingleObservationThat()
                              .hasNameEqualTo("chronos.run")
                              .hasBeenStarted()
                              .hasBeenStopped()
                              .hasLowCardinalityKeyValue("chronos.job.type", "DUMMY")
                              .hasLowCardinalityKeyValue("chronos.outcome", "SUCCEEDED")
                              .hasHighCardinalityKeyValue("chronos.run.id", run.id()));
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Observed {
    @Bean
    TestObservationRegistry observationRegistry() {
      return TestObservationRegistry.create();
    }
  }
}
