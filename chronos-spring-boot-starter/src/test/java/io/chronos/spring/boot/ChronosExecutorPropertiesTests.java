package io.chronos.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.executor.filesystem.FileSystemExecutor;
import io.chronos.executor.http.HttpExecutor;
import io.chronos.executor.http.HttpExecutorSettings;
import io.chronos.executor.script.ScriptExecutor;
import io.chronos.retry.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ChronosExecutorPropertiesTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  ChronosAutoConfiguration.class))
          .withPropertyValues("spring.datasource.generate-unique-name=true");

  @Test
  void executor_settings_are_bound_from_properties() {
    runner
        .withPropertyValues(
            "chronos.executors.http.allow-list=internal.example.com,10.1.0.0/16",
            "chronos.executors.http.ssrf-protection-for-admin-jobs=true",
            "chronos.executors.http.request-timeout=5s",
            "chronos.executors.script.interpreters.ruby=/usr/bin/ruby",
            "chronos.executors.script.env-allow-list=PATH,HOME",
            "chronos.executors.file-system.base-dir=/srv/chronos",
            "chronos.executors.file-system.admin-only=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(HttpExecutor.class);
              assertThat(context).hasSingleBean(ScriptExecutor.class);
              assertThat(context).hasSingleBean(FileSystemExecutor.class);
              ChronosExecutorProperties properties =
                  context.getBean(ChronosExecutorProperties.class);
              HttpExecutorSettings http = properties.getHttp().toSettings();
              assertThat(http.allowList()).containsExactly("internal.example.com", "10.1.0.0/16");
              assertThat(http.ssrfProtectionForAdminJobs()).isTrue();
              assertThat(http.defaultRequestTimeout()).isEqualTo(Duration.ofSeconds(5));
              assertThat(properties.getScript().toSettings().interpreters())
                  .containsEntry("ruby", "/usr/bin/ruby");
              assertThat(properties.getFileSystem().toSettings().baseDir())
                  .isEqualTo(Path.of("/srv/chronos"));
              assertThat(context.getBean(FileSystemExecutor.class).adminOnly()).isFalse();
            });
  }

  @Test
  void a_host_executor_bean_wins_over_the_configured_one() {
    runner
        .withUserConfiguration(OwnHttp.class)
        .run(
            context ->
                assertThat(context.getBean(HttpExecutor.class))
                    .isSameAs(context.getBean("ownHttp")));
  }

  @Test
  void the_default_retry_policy_and_retention_are_bound() {
    runner
        .withPropertyValues(
            "chronos.retry.max-attempts=5",
            "chronos.retry.backoff=FIXED",
            "chronos.retry.initial-delay=2s",
            "chronos.retry.jitter=0",
            "chronos.retention=7d")
        .run(
            context -> {
              ChronosProperties properties = context.getBean(ChronosProperties.class);
              assertThat(properties.getRetry().toPolicy())
                  .isEqualTo(
                      RetryPolicy.maxAttempts(5).fixed(Duration.ofSeconds(2)).thenDeadLetter());
              assertThat(properties.getRetention()).isEqualTo(Duration.ofDays(7));
            });
  }

  @Test
  void an_invalid_retry_policy_stops_start_up_naming_the_value() {
    runner
        .withPropertyValues("chronos.retry.max-attempts=0")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("maxAttempts must be between 1 and 100, was 0"));
  }

  @Test
  void a_table_prefix_puts_chronos_in_the_hosts_schema() {
    runner
        .withPropertyValues("chronos.schema=PUBLIC", "chronos.table-prefix=chr_")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              var jdbc =
                  new org.springframework.jdbc.core.JdbcTemplate(
                      context.getBean(javax.sql.DataSource.class));
              assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM PUBLIC.chr_users", Long.class))
                  .isEqualTo(1L);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnHttp {
    @Bean
    HttpExecutor ownHttp() {
      return new HttpExecutor();
    }
  }
}
