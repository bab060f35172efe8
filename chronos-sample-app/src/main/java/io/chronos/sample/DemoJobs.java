package io.chronos.sample;

import io.chronos.Chronos;
import io.chronos.ValidationException;
import io.chronos.job.JobSpec;
import io.chronos.payload.DummyPayload;
import io.chronos.security.Actor;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Jobs created at run time through the {@link Chronos} API, once: a restart finds them by name and
 * leaves them as they are (an operator may have paused or changed them).
 */
@Component
public class DemoJobs implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoJobs.class);

  private final Chronos chronos;

  public DemoJobs(Chronos chronos) {
    this.chronos = chronos;
  }

  /** The demo jobs: one that succeeds with log lines, one that fails, one that sleeps. */
  static List<JobSpec> specs() {
    return List.of(
        JobSpec.dummy("demo-succeed")
            .payload(DummyPayload.succeed().withLogLines(3))
            .every(Duration.ofMinutes(1), Duration.ofSeconds(10))
            .description("Succeeds and writes three log lines, every minute")
            .tags("sample", "demo")
            .build(),
        JobSpec.dummy("demo-flaky")
            .payload(DummyPayload.failTimes(2))
            .every(Duration.ofMinutes(2), Duration.ofSeconds(20))
            .description("Fails its first two attempts of each fire")
            .tags("sample", "demo")
            .build(),
        JobSpec.dummy("demo-sleep")
            .payload(DummyPayload.sleep(Duration.ofSeconds(5)))
            .every(Duration.ofMinutes(2), Duration.ofSeconds(30))
            .timeout(Duration.ofMinutes(1))
            .description("Sleeps five seconds")
            .tags("sample", "demo")
            .build());
  }

  @Override
  public void run(ApplicationArguments args) {
    for (JobSpec spec : specs()) {
      if (chronos.jobs().findByName(Actor.system(), Actor.SYSTEM_USER_ID, spec.name()).isEmpty()) {
        try {
          chronos.jobs().create(Actor.system(), spec);
          log.info("Created demo job {}", spec.name());
        } catch (ValidationException e) {
          // Another node starting at the same moment created it first: names are unique.
          if (!e.hasErrorFor("name")) {
            throw e;
          }
        }
      }
    }
  }
}
