package io.chronos.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.PageRequest;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.security.Actor;
import io.chronos.testsupport.TestDatabase;
import io.chronos.testsupport.TestNodes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuickEngineTest {
  @Test
  void triggered_dummy_job_succeeds() {
    try (TestDatabase db = TestDatabase.open(TestDatabase.Kind.H2);
        TestNodes nodes = new TestNodes(db)) {
      Chronos chronos = nodes.node().start();
      Job job = chronos.jobs().create(Actor.system(), JobSpec.dummy("quick").build());
      JobRun run = chronos.jobs().trigger(Actor.system(), job.id());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  chronos.runs().get(Actor.system(), run.id()).orElseThrow().status()
                      == RunStatus.SUCCEEDED);
      assertThat(chronos.runs().logs(Actor.system(), run.id(), PageRequest.first()).items())
          .hasSize(1);
      Job cron =
          chronos
              .jobs()
              .create(Actor.system(), JobSpec.dummy("cron").cron("* * * * * ?", "UTC").build());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  chronos
                          .runs()
                          .forJob(Actor.system(), cron.id(), PageRequest.first())
                          .items()
                          .stream()
                          .filter(r -> r.status() == RunStatus.SUCCEEDED)
                          .count()
                      >= 2);
    }
  }
}
