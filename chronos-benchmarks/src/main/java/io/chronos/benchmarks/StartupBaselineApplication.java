package io.chronos.benchmarks;

import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The "without Chronos" application of scenario 6: the sample application with Chronos taken out.
 * It runs on the sample application's class path minus Chronos's modules and the libraries only
 * Chronos brings (see {@link StartupScenario}), with the sample's {@code application.yml} minus the
 * {@code chronos.*} keys and the chronos endpoint ({@link #CONFIG}, a YAML file as in the sample,
 * so that both parse one), and the same command-line arguments (H2 file, port).
 *
 * <p>The sample's two beans are Chronos jobs, so nothing of the application is left but this:
 * Boot's web server, actuator (health, prometheus) and DataSource. One runner opens a connection at
 * start-up, so that both variants pay for opening the H2 file and starting the pool, and the
 * difference is Chronos's own work (a Boot application does not open its pool before first use).
 *
 * <p>Launched in a child JVM from a directory holding only this class and {@link StartupProbe}; it
 * must not use anything of the benchmark module but those.
 */
@SpringBootApplication
public class StartupBaselineApplication {

  /** The name of the configuration file, {@code startup-baseline.yml}, next to this class. */
  static final String CONFIG_NAME = "startup-baseline";

  /** chronos-sample-app's application.yml, minus its chronos.* keys and the chronos endpoint. */
  static final String CONFIG =
      String.join(
          "\n",
          "spring:",
          "  application:",
          "    name: chronos-sample",
          "  datasource:",
          "    url: jdbc:h2:file:./data/chronos;AUTO_SERVER=FALSE",
          "    username: sa",
          "    password: \"\"",
          "",
          "management:",
          "  endpoints:",
          "    web:",
          "      exposure:",
          "        include: health, prometheus",
          "  endpoint:",
          "    health:",
          "      show-details: always",
          "",
          "logging:",
          "  level:",
          "    org.quartz: WARN",
          "");

  public static void main(String[] args) {
    // Not application.yml: that name would also be found on the sample's class path.
    System.setProperty("spring.config.name", CONFIG_NAME);
    SpringApplication.run(StartupBaselineApplication.class, args);
  }

  @Bean
  ApplicationRunner openDataSource(DataSource dataSource) {
    return args -> {
      try (Connection c = dataSource.getConnection()) {
        if (!c.isValid(10)) {
          throw new IllegalStateException("the DataSource gave an invalid connection");
        }
      }
    };
  }
}
