package io.chronos.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronos.ChronosBuilder;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

class ChronosPropertiesTests {

  @Test
  void defaults_are_the_builders() {
    ChronosProperties properties = new ChronosProperties();
    assertThat(properties.isEnabled()).isTrue();
    assertThat(properties.getSchema()).isEqualTo(ChronosBuilder.DEFAULT_SCHEMA);
    assertThat(properties.getNodeId()).isNull();
    assertThat(properties.getWorkerThreads()).isEqualTo(ChronosBuilder.DEFAULT_WORKER_THREADS);
    assertThat(properties.getPollInterval()).isEqualTo(ChronosBuilder.DEFAULT_POLL_INTERVAL);
    assertThat(properties.getLease()).isEqualTo(ChronosBuilder.DEFAULT_LEASE);
    assertThat(properties.getHeartbeatInterval()).isNull();
    assertThat(properties.getShutdownTimeout()).isEqualTo(ChronosBuilder.DEFAULT_SHUTDOWN_TIMEOUT);
    assertThat(properties.getQuartzThreads()).isEqualTo(ChronosBuilder.DEFAULT_QUARTZ_THREADS);
    assertThat(properties.getClusterCheckinInterval())
        .isEqualTo(ChronosBuilder.DEFAULT_CLUSTER_CHECKIN_INTERVAL);
    assertThat(properties.getMisfireThreshold())
        .isEqualTo(ChronosBuilder.DEFAULT_MISFIRE_THRESHOLD);
    assertThat(properties.getDefaultZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(properties.isMigrate()).isTrue();
    assertThat(properties.getReconcile().isDisableRemoved()).isFalse();
  }

  /** The defaults written into the configuration metadata must not drift from the core's. */
  @Test
  void generated_metadata_documents_every_property_with_the_builders_default() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
    Map<String, JsonNode> byName = new HashMap<>();
    metadata.get("properties").forEach(p -> byName.put(p.get("name").asText(), p));

    assertThat(byName)
        .containsKeys(
            "chronos.enabled",
            "chronos.schema",
            "chronos.node-id",
            "chronos.worker-threads",
            "chronos.poll-interval",
            "chronos.lease",
            "chronos.heartbeat-interval",
            "chronos.shutdown-timeout",
            "chronos.quartz-threads",
            "chronos.cluster-checkin-interval",
            "chronos.misfire-threshold",
            "chronos.default-zone",
            "chronos.migrate",
            "chronos.reconcile.disable-removed");
    byName.forEach(
        (name, property) ->
            assertThat(property.path("description").asText()).as(name).isNotBlank());

    assertThat(byName.get("chronos.schema").get("defaultValue").asText())
        .isEqualTo(ChronosBuilder.DEFAULT_SCHEMA);
    assertThat(byName.get("chronos.worker-threads").get("defaultValue").asInt())
        .isEqualTo(ChronosBuilder.DEFAULT_WORKER_THREADS);
    assertThat(byName.get("chronos.quartz-threads").get("defaultValue").asInt())
        .isEqualTo(ChronosBuilder.DEFAULT_QUARTZ_THREADS);
    assertThat(duration(byName, "chronos.poll-interval"))
        .isEqualTo(ChronosBuilder.DEFAULT_POLL_INTERVAL);
    assertThat(duration(byName, "chronos.lease")).isEqualTo(ChronosBuilder.DEFAULT_LEASE);
    assertThat(duration(byName, "chronos.shutdown-timeout"))
        .isEqualTo(ChronosBuilder.DEFAULT_SHUTDOWN_TIMEOUT);
    assertThat(duration(byName, "chronos.cluster-checkin-interval"))
        .isEqualTo(ChronosBuilder.DEFAULT_CLUSTER_CHECKIN_INTERVAL);
    assertThat(duration(byName, "chronos.misfire-threshold"))
        .isEqualTo(ChronosBuilder.DEFAULT_MISFIRE_THRESHOLD);
  }

  private static Duration duration(Map<String, JsonNode> byName, String name) {
    return DurationStyle.detectAndParse(byName.get(name).get("defaultValue").asText());
  }
}
