package io.chronos.engine;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.payload.DummyPayload;
import io.chronos.retry.RetryPolicy;
import io.chronos.run.JobRun;
import io.chronos.security.Actor;
import io.chronos.testsupport.TestDatabase;
import io.chronos.testsupport.TestNodes;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each run is observed as a {@code chronos.run} Observation when the builder has a registry. */
class RunObservationTest {
  private final Actor system = Actor.system();
  private TestDatabase db;
  private TestNodes nodes;
  private TestObservationRegistry registry;
  private Chronos chronos;

  @BeforeEach
  void start() {
    db = TestDatabase.open(TestDatabase.Kind.H2);
    nodes = new TestNodes(db);
    registry = TestObservationRegistry.create();
    chronos = nodes.node(b -> b.observationRegistry(registry)).start();
  }

  @AfterEach
  void stop() {
    nodes.close();
    db.close();
  }

  @Test
  void a_succeeding_run_is_observed_with_its_key_values() {
    Job job = chronos.jobs().create(system, JobSpec.dummy("observed-ok").build());
    JobRun run = chronos.jobs().trigger(system, job.id());

    awaitStoppedObservation();
    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo("chronos.run")
        .hasBeenStarted()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("chronos.job.type", "DUMMY")
        .hasLowCardinalityKeyValue("chronos.outcome", "SUCCEEDED")
        .hasHighCardinalityKeyValue("chronos.job.id", job.id())
        .hasHighCardinalityKeyValue("chronos.run.id", run.id())
        .hasHighCardinalityKeyValue("chronos.attempt", "1")
        .doesNotHaveError();
  }

  @Test
  void a_failing_run_is_observed_with_its_error() {
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy("observed-bad")
                    .payload(DummyPayload.alwaysFail("boom"))
                    .retry(RetryPolicy.noRetries())
                    .build());
    JobRun run = chronos.jobs().trigger(system, job.id());

    awaitStoppedObservation();
    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo("chronos.run")
        .hasBeenStarted()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("chronos.outcome", "FAILED")
        .hasHighCardinalityKeyValue("chronos.run.id", run.id())
        .assertThatError()
        .hasMessageContaining("boom");
  }

  /** Waits until the run's observation has been stopped. */
  private void awaitStoppedObservation() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(registry).hasSingleObservationThat().hasBeenStopped());
  }
}
