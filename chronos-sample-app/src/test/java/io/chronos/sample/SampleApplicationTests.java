package io.chronos.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.PageRequest;
import io.chronos.job.Job;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import io.chronos.security.Actor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:sample-app;DB_CLOSE_DELAY=-1",
      "chronos.poll-interval=100ms",
      "sample.heartbeat.cron=* * * * * ?"
    })
class SampleApplicationTests {
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;

  @Autowired Chronos chronos;

  @Test
  void the_annotated_job_runs_on_its_schedule() {
    Job heartbeat = heartbeat();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                chronos
                    .runs()
                    .forJob(Actor.system(), heartbeat.id(), PageRequest.first(10))
                    .items()
                    .stream()
                    .anyMatch(
                        run ->
                            run.triggerType() == TriggerType.SCHEDULE
                                && run.status() == RunStatus.SUCCEEDED
                                && run.resultSummary().startsWith("heartbeat at")));
  }

  @Test
  void the_chronos_endpoint_lists_the_jobs_and_triggers_one() throws Exception {
    JsonNode node = getJson("/actuator/chronos");
    assertThat(node.get("started").asBoolean()).isTrue();
    List<String> names = new ArrayList<>();
    node.get("jobs").forEach(job -> names.add(job.get("name").asString()));
    assertThat(names).contains("sample-heartbeat", "demo-succeed", "demo-flaky", "demo-sleep");
    assertThat(node.toString()).doesNotContain("payload");

    String id = heartbeat().id();
    HttpResponse<String> triggered =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/chronos/" + id))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"trigger\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(triggered.statusCode()).isEqualTo(200);
    String runId = json.readTree(triggered.body()).get("runId").asString();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode details = getJson("/actuator/chronos/" + id);
              for (JsonNode run : details.get("runs")) {
                if (run.get("id").asString().equals(runId)) {
                  return run.get("status").asString().equals("SUCCEEDED");
                }
              }
              return false;
            });
    assertThat(get("/actuator/chronos/01ARZ3NDEKTSV4RRFFQ69G5FAV").statusCode()).isEqualTo(404);
  }

  @Test
  void health_is_up_with_the_chronos_component() throws Exception {
    JsonNode health = getJson("/actuator/health");
    assertThat(health.get("status").asString()).isEqualTo("UP");
    JsonNode component = health.get("components").get("chronos");
    assertThat(component.get("status").asString()).isEqualTo("UP");
    assertThat(component.get("details").get("nodeId").asString()).isEqualTo(chronos.nodeId());
    assertThat(component.get("details").get("started").asBoolean()).isTrue();
  }

  @Test
  void prometheus_answers() throws Exception {
    HttpResponse<String> response = get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("jvm_memory_used_bytes");
  }

  private Job heartbeat() {
    return chronos
        .jobs()
        .findByName(Actor.system(), Actor.SYSTEM_USER_ID, "sample-heartbeat")
        .orElseThrow();
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
