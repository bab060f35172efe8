package io.chronos.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Chronos sample: a Spring Boot application whose only Chronos-specific setup is the starter
 * dependency. It keeps its jobs in an H2 file ({@code ./data/chronos}), declares one job with
 * {@code @ChronosJob} ({@link HeartbeatJob}) and creates a few DUMMY jobs through the API at
 * start-up ({@link DemoJobs}). Open {@code /actuator/chronos}, {@code /actuator/health} and {@code
 * /actuator/prometheus}.
 */
@SpringBootApplication
public class SampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
