package io.chronos.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.Chronos;
import io.chronos.job.JobSpec;
import io.chronos.security.Actor;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A host with its own Flyway migrations (classpath:db/migration) and its own {@code users} table in
 * the default schema: Chronos keeps its tables and its Flyway history in schema {@code chronos}.
 */
class ChronosBesideHostFlywayTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  FlywayAutoConfiguration.class,
                  ChronosAutoConfiguration.class))
          .withPropertyValues("spring.datasource.generate-unique-name=true");

  @Test
  void host_and_chronos_each_keep_their_own_users_table_and_migration_history() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));

          assertThat(jdbc.queryForList("SELECT login FROM PUBLIC.users", String.class))
              .containsExactly("host-user");
          assertThat(
                  jdbc.queryForList(
                      "SELECT \"script\" FROM PUBLIC.\"flyway_schema_history\" WHERE \"type\" = 'SQL'",
                      String.class))
              .containsExactly("V1__host_users.sql");

          assertThat(
                  jdbc.queryForObject(
                      "SELECT COUNT(*) FROM chronos.users WHERE id = ?",
                      Integer.class,
                      Actor.SYSTEM_USER_ID))
              .isEqualTo(1);
          assertThat(ChronosAutoConfigurationTests.chronosTables(jdbc.getDataSource(), "CHRONOS"))
              .contains("USERS", "JOBS", "chronos_schema_history")
              .doesNotContain("flyway_schema_history");

          Chronos chronos = context.getBean(Chronos.class);
          chronos.jobs().create(Actor.system(), JobSpec.dummy("beside-host").build());
          assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM PUBLIC.users", Integer.class))
              .isEqualTo(1);
        });
  }

  @Test
  void a_restart_migrates_neither_again() {
    String url = "jdbc:h2:mem:host-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    ApplicationContextRunner node = runner.withPropertyValues("spring.datasource.url=" + url);
    node.run(context -> assertThat(context).hasNotFailed());
    node.run(
        context -> {
          assertThat(context).hasNotFailed();
          JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
          assertThat(jdbc.queryForList("SELECT login FROM PUBLIC.users", String.class))
              .containsExactly("host-user");
        });
  }
}
