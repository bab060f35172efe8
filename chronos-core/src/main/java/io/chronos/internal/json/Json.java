package io.chronos.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chronos.secret.Secret;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/** JSON for stored payloads, log context and audit snapshots. Jackson stays inside this class. */
public final class Json {
  /** Shown instead of a secret value. */
  public static final String MASK = "******";

  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(password|passwd|secret|token|apikey|api_key|authorization|credential).*");

  // The view mapper: audit snapshots, log context. A secret value never appears in it.
  private static final ObjectMapper MAPPER =
      mapper()
          .registerModule(
              new SimpleModule("chronos-secret-view")
                  .addSerializer(
                      Secret.class,
                      new StdSerializer<>(Secret.class) {
                        @Override
                        public void serialize(
                            Secret secret, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                          gen.writeString(secret.toString());
                        }
                      }));

  private Json() {}

  /** A mapper with Chronos's settings: java.time as ISO strings, unknown properties ignored. */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read " + type.getSimpleName() + " from JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static Map<String, Object> readMap(@Nullable String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot read JSON object: " + e.getOriginalMessage(), e);
    }
  }

  /** A value as a JSON-shaped tree of maps, lists and scalars. */
  public static Object toTree(Object value) {
    return MAPPER.convertValue(value, Object.class);
  }

  /** True when a key names a secret (password, token, api key and the like). */
  public static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  /** A copy of a JSON-shaped tree with the values of secret keys replaced by {@link #MASK}. */
  public static Object mask(@Nullable Object tree) {
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> masked = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            String key = String.valueOf(k);
            masked.put(key, isSecretKey(key) && v != null ? MASK : mask(v));
          });
      return masked;
    }
    if (tree instanceof List<?> list) {
      return list.stream().map(Json::mask).toList();
    }
    return tree;
  }
}
