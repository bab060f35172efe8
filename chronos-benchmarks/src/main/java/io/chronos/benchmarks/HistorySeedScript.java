package io.chronos.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every history seed script shares: it is a resource beside this class, split into steps
 * ({@link HistorySeed#split}), whose placeholders name the schemas, the sizes and the seed's end
 * ({@link HistorySeed#fill}); both seeds read their script through it.
 */
final class HistorySeedScript {
  private HistorySeedScript() {}

  /** The text of a script beside this class. */
  static String read(String name) throws IOException {
    try (InputStream in = HistorySeedScript.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** ${schema}, ${seed}, ${users}, ${jobs}, ${runs}, ${admins} and ${t_end_ms}, in that order. */
  static Map<String, String> placeholders(HistorySeed.Sizes sizes, Instant end) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("schema", HistorySeed.CHRONOS_SCHEMA);
    values.put("seed", HistorySeed.SEED_SCHEMA);
    values.put("users", Long.toString(sizes.users()));
    values.put("jobs", Long.toString(sizes.jobs()));
    values.put("runs", Long.toString(sizes.runs()));
    values.put("admins", Long.toString(sizes.admins()));
    values.put("t_end_ms", Long.toString(end.toEpochMilli()));
    return values;
  }
}
