package io.chronos.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chronos.internal.json.Json;
import io.chronos.internal.json.StoredJson;
import io.chronos.internal.secret.SecretCodec;
import io.chronos.job.JobType;
import io.chronos.payload.CustomPayload;
import io.chronos.payload.JobPayload;
import io.chronos.payload.UnresolvedPayload;
import io.chronos.secret.Secret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * Maps each payload type to its column group in {@code job_payloads} (single-table inheritance with
 * the {@code payload_type} discriminator) and back.
 */
public final class PayloadColumns {

  /** Columns holding JSON, bound with the dialect's JSON placeholder. */
  public static final Set<String> JSON_COLUMNS =
      Set.of("http_headers", "script_args", "script_env", "db_params", "mq_headers", "custom_json");

  private final Function<JobType, Optional<Class<? extends CustomPayload>>> customTypes;
  private final SecretCodec secrets;
  private final StoredJson json;

  /**
   * @param customTypes the payload class registered for a custom type, to read its JSON back
   * @param secrets how secrets are stored (references, or values encrypted with the node's key)
   */
  public PayloadColumns(
      Function<JobType, Optional<Class<? extends CustomPayload>>> customTypes,
      SecretCodec secrets) {
    this.customTypes = customTypes;
    this.secrets = secrets;
    this.json = new StoredJson(secrets);
  }

  /** The column group of each built-in payload type; custom types use {@code custom_json}. */
  private static final List<ColumnGroup<?>> GROUPS =
      List.of(new DummyColumns(), new HttpColumns(), new ScriptColumns(), new FileSystemColumns());

  /** The stored form of a secret column value. */
  @Nullable
  String storeSecret(@Nullable Secret secret) {
    return secret == null ? null : secrets.encode(secret);
  }

  /** A secret column value as read. */
  @Nullable
  Secret readSecret(ResultSet rs, String column) throws SQLException {
    String stored = rs.getString(column);
    return stored == null ? null : secrets.decode(stored);
  }

  /** The discriminator and the column values of a payload. */
  public record Row(String payloadType, Map<String, Object> values) {}

  public Row toRow(JobPayload payload) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (ColumnGroup<?> group : GROUPS) {
      if (group.payloadClass().isInstance(payload)) {
        write(group, payload, values);
        return new Row(group.payloadType(), values);
      }
    }
    values.put("custom_json", customJson((CustomPayload) payload));
    return new Row("CUSTOM", values);
  }

  private <P extends JobPayload> void write(
      ColumnGroup<P> group, JobPayload payload, Map<String, Object> values) {
    group.write(group.payloadClass().cast(payload), values, this);
  }

  /** Reads the payload of a row of {@code job_payloads} joined to {@code jobs}. */
  public JobPayload fromRow(ResultSet rs, JobType type) throws SQLException {
    String payloadType = rs.getString("payload_type");
    if ("CUSTOM".equals(payloadType)) {
      return readCustom(type, rs.getString("custom_json"));
    }
    for (ColumnGroup<?> group : GROUPS) {
      if (group.payloadType().equals(payloadType)) {
        return group.read(rs, this);
      }
    }
    throw new IllegalStateException(
        "Payload type " + payloadType + " is not supported by this version of Chronos");
  }

  /** JSON for a JSON column, secrets in their stored form. */
  @Nullable
  String toJson(@Nullable Object value) {
    return value == null ? null : json.write(value);
  }

  /** A JSON column read back, secrets decoded. */
  @Nullable
  <T> T fromJson(@Nullable String value, TypeReference<T> type) {
    return value == null ? null : json.read(value, type);
  }

  /** A JSON-shaped view of the payload with secrets masked, for audit events and API views. */
  public static Object maskedSnapshot(JobPayload payload) {
    if (payload instanceof UnresolvedPayload unresolved) {
      return Json.mask(Json.readMap(unresolved.json()));
    }
    return Json.mask(Json.toTree(payload));
  }

  private String customJson(CustomPayload custom) {
    if (custom instanceof UnresolvedPayload unresolved) {
      return unresolved.json();
    }
    return json.write(custom);
  }

  private JobPayload readCustom(JobType type, String json) {
    return customTypes
        .apply(type)
        .<JobPayload>map(cls -> this.json.read(json, cls))
        .orElseGet(() -> new UnresolvedPayload(type, json));
  }

  /** A nullable BIGINT column of milliseconds as a Duration. */
  @Nullable
  static Duration millis(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Duration.ofMillis(value);
  }
}
