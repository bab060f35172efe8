package io.chronos.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.chronos.internal.secret.SecretCodec;
import io.chronos.secret.Secret;
import java.io.IOException;

/**
 * JSON as stored in the database: a {@link Secret} is written in its stored form (a reference, or
 * the value encrypted with the node's key) and read back from it.
 */
public final class StoredJson {
  private final ObjectMapper mapper;

  public StoredJson(SecretCodec codec) {
    this.mapper =
        Json.mapper()
            .registerModule(
                new SimpleModule("chronos-secret-store")
                    .addSerializer(
                        Secret.class,
                        new StdSerializer<>(Secret.class) {
                          @Override
                          public void serialize(
                              Secret secret, JsonGenerator gen, SerializerProvider provider)
                              throws IOException {
                            gen.writeString(codec.encode(secret));
                          }
                        })
                    .addDeserializer(
                        Secret.class,
                        new StdDeserializer<>(Secret.class) {
                          @Override
                          public Secret deserialize(JsonParser parser, DeserializationContext ctx)
                              throws IOException {
                            return codec.decode(parser.getValueAsString());
                          }
                        }));
  }

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalArgumentException("Cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  public <T> T read(String json, TypeReference<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot read JSON: " + e.getOriginalMessage(), e);
    }
  }

  public <T> T read(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read " + type.getSimpleName() + " from JSON: " + e.getOriginalMessage(), e);
    }
  }
}
