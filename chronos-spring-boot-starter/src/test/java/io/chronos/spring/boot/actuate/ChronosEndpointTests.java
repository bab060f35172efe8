package io.chronos.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chronos.Chronos;
import io.chronos.ConflictException;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.payload.DummyPayload;
import io.chronos.security.Actor;
import io.chronos.spring.boot.ChronosAutoConfiguration;
import io.chronos.spring.boot.actuate.ChronosEndpoint.JobActionDescriptor;
import io.chronos.spring.boot.actuate.ChronosEndpoint.JobDescriptor;
import io.chronos.spring.boot.actuate.ChronosEndpoint.JobDetailsDescriptor;
import io.chronos.spring.boot.actuate.ChronosEndpoint.NodeDescriptor;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ChronosEndpointTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  ChronosAutoConfiguration.class,
                  ChronosEndpointAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.generate-unique-name=true", "chronos.poll-interval=50ms");

  @Test
  void is_absent_unless_exposed() {
    runner.run(context -> assertThat(context).doesNotHaveBean(ChronosEndpoint.class));
  }

  @Test
  void is_present_when_exposed_over_the_web() {
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=chronos")
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(ChronosEndpoint.class)
                    .hasSingleBean(ChronosEndpointWebExtension.class));
  }

  @Test
  void backs_off_when_the_endpoint_is_switched_off() {
    runner
        .withPropertyValues(
            "management.endpoints.web.exposure.include=chronos",
            "management.endpoint.chronos.access=NONE")
        .run(context -> assertThat(context).doesNotHaveBean(ChronosEndpoint.class));
  }

  @Test
  void lists_jobs_with_schedule_next_fire_and_last_run_but_no_payload() {
    exposed()
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              ChronosEndpoint endpoint = context.getBean(ChronosEndpoint.class);
              Job cron =
                  chronos
                      .jobs()
                      .create(
                          Actor.system(),
                          JobSpec.dummy("with-secret")
                              .payload(
                                  new DummyPayload(
                                      DummyPayload.Mode.SUCCEED, null, 0, "s3cr3t-token", 1))
                              .cron("0 0 2 * * ?", ZoneId.of("Europe/Berlin"))
                              .build());
              Job interval =
                  chronos
                      .jobs()
                      .create(
                          Actor.system(),
                          JobSpec.dummy("every-minute").every(Duration.ofMinutes(1)).build());
              runAndWait(chronos, endpoint, interval.id());

              NodeDescriptor node = endpoint.chronos();
              assertThat(node.nodeId()).isEqualTo(chronos.nodeId());
              assertThat(node.started()).isTrue();
              assertThat(node.truncated()).isFalse();
              assertThat(node.jobs())
                  .extracting(JobDescriptor::name)
                  .containsExactly("with-secret", "every-minute");
              JobDescriptor first = node.jobs().get(0);
              assertThat(first.id()).isEqualTo(cron.id());
              assertThat(first.type()).isEqualTo("DUMMY");
              assertThat(first.status()).isEqualTo("ACTIVE");
              assertThat(first.schedule()).isEqualTo("cron 0 0 2 * * ? (Europe/Berlin)");
              assertThat(first.nextFireTime()).isNotNull();
              assertThat(first.lastRunStatus()).isNull();
              JobDescriptor second = node.jobs().get(1);
              assertThat(second.schedule()).isEqualTo("every PT1M");
              assertThat(second.lastRunStatus()).isEqualTo("SUCCEEDED");
              assertThat(second.lastRunAt()).isNotNull();

              String json = json(node) + json(endpoint.job(cron.id()));
              assertThat(json).doesNotContain("s3cr3t-token").doesNotContain("payload");
            });
  }

  @Test
  void shows_one_job_with_its_latest_runs() {
    exposed()
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              ChronosEndpoint endpoint = context.getBean(ChronosEndpoint.class);
              Job job =
                  chronos
                      .jobs()
                      .create(
                          Actor.system(),
                          JobSpec.dummy("detailed").description("d").tags("t").build());
              runAndWait(chronos, endpoint, job.id());

              JobDetailsDescriptor details = endpoint.job(job.id());
              assertThat(details.name()).isEqualTo("detailed");
              assertThat(details.description()).isEqualTo("d");
              assertThat(details.tags()).containsExactly("t");
              assertThat(details.schedule()).isEqualTo("manual");
              assertThat(details.runs()).hasSize(1);
              assertThat(details.runs().get(0).status()).isEqualTo("SUCCEEDED");
              assertThat(details.runs().get(0).triggerType()).isEqualTo("MANUAL");
              assertThat(endpoint.job("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isNull();
            });
  }

  @Test
  void pauses_resumes_and_triggers() {
    exposed()
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              ChronosEndpoint endpoint = context.getBean(ChronosEndpoint.class);
              Job job = chronos.jobs().create(Actor.system(), JobSpec.dummy("acted-on").build());

              assertThat(endpoint.jobAction(job.id(), "pause").status()).isEqualTo("PAUSED");
              assertThatThrownBy(() -> endpoint.jobAction(job.id(), "trigger"))
                  .isInstanceOf(ConflictException.class);
              assertThat(endpoint.jobAction(job.id(), "RESUME").status()).isEqualTo("ACTIVE");
              JobActionDescriptor triggered = endpoint.jobAction(job.id(), "trigger");
              assertThat(triggered.runId()).isNotNull();

              assertThatThrownBy(() -> endpoint.jobAction(job.id(), "delete"))
                  .isInstanceOf(InvalidEndpointRequestException.class)
                  .hasMessageContaining("trigger, pause, resume or replay");
              assertThat(endpoint.jobAction("01ARZ3NDEKTSV4RRFFQ69G5FAV", "pause")).isNull();
            });
  }

  @Test
  void lists_pending_dead_letters_and_replays_one() {
    exposed()
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              ChronosEndpoint endpoint = context.getBean(ChronosEndpoint.class);
              Job job =
                  chronos
                      .jobs()
                      .create(
                          Actor.system(),
                          JobSpec.dummy("doomed")
                              .payload(io.chronos.payload.DummyPayload.alwaysFail("down"))
                              .retry(io.chronos.retry.RetryPolicy.noRetries())
                              .build());
              chronos.jobs().trigger(Actor.system(), job.id());
              org.awaitility.Awaitility.await()
                  .atMost(Duration.ofSeconds(20))
                  .until(() -> endpoint.chronos().dlqDepth() == 1);
              var letter = endpoint.chronos().deadLetters().get(0);
              assertThat(letter.jobId()).isEqualTo(job.id());
              assertThat(letter.error()).isEqualTo("down");
              // Fixed meanwhile: the replay runs the job's current definition.
              chronos
                  .jobs()
                  .update(
                      Actor.system(),
                      job.id(),
                      job.toSpec().payload(io.chronos.payload.DummyPayload.succeed()).build());
              JobActionDescriptor replayed = endpoint.jobAction(letter.id(), "replay");
              assertThat(replayed.action()).isEqualTo("replay");
              assertThat(replayed.runId()).isNotNull();
              assertThat(endpoint.chronos().deadLetters()).isEmpty();
              assertThat(endpoint.jobAction("01ARZ3NDEKTSV4RRFFQ69G5FAV", "replay")).isNull();
            });
  }

  @Test
  void the_web_extension_answers_404_and_409() {
    exposed()
        .run(
            context -> {
              Chronos chronos = context.getBean(Chronos.class);
              ChronosEndpointWebExtension web = context.getBean(ChronosEndpointWebExtension.class);
              Job job = chronos.jobs().create(Actor.system(), JobSpec.dummy("web").build());

              assertThat(web.job("01ARZ3NDEKTSV4RRFFQ69G5FAV").getStatus()).isEqualTo(404);
              assertThat(web.job(job.id()).getStatus()).isEqualTo(200);
              assertThat(web.jobAction("01ARZ3NDEKTSV4RRFFQ69G5FAV", "pause").getStatus())
                  .isEqualTo(404);
              assertThat(web.jobAction(job.id(), "pause").getStatus()).isEqualTo(200);
              WebEndpointResponse<Object> conflict = web.jobAction(job.id(), "trigger");
              assertThat(conflict.getStatus()).isEqualTo(409);
            });
  }

  private ApplicationContextRunner exposed() {
    return runner.withPropertyValues("management.endpoints.web.exposure.include=chronos");
  }

  private static void runAndWait(Chronos chronos, ChronosEndpoint endpoint, String jobId) {
    endpoint.jobAction(jobId, "trigger");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JobDetailsDescriptor details = endpoint.job(jobId);
              return !details.runs().isEmpty()
                  && details.runs().get(0).status().equals("SUCCEEDED");
            });
  }

  private static String json(Object value) throws Exception {
    return new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(value);
  }
}
