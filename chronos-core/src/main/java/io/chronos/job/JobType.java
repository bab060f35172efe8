package io.chronos.job;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kind of a job, which selects its executor: one of the built-in types or a host-defined custom
 * type (upper-case letters, digits and underscores, e.g. {@code INVOICE_EXPORT}).
 *
 * @param name the type name
 */
public record JobType(String name) {

  public static final JobType HTTP = new JobType("HTTP");
  public static final JobType SCRIPT = new JobType("SCRIPT");
  public static final JobType DATABASE = new JobType("DATABASE");
  public static final JobType FILE_SYSTEM = new JobType("FILE_SYSTEM");
  public static final JobType MESSAGE_QUEUE = new JobType("MESSAGE_QUEUE");
  public static final JobType DB_TO_KAFKA = new JobType("DB_TO_KAFKA");
  public static final JobType CACHE = new JobType("CACHE");
  public static final JobType REPORT = new JobType("REPORT");
  public static final JobType DUMMY = new JobType("DUMMY");

  private static final Set<String> BUILT_IN =
      Set.of(
          "HTTP",
          "SCRIPT",
          "DATABASE",
          "FILE_SYSTEM",
          "MESSAGE_QUEUE",
          "DB_TO_KAFKA",
          "CACHE",
          "REPORT",
          "DUMMY");

  private static final Pattern CUSTOM_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,99}");

  public JobType {
    Objects.requireNonNull(name, "name");
  }

  /** A host-defined type; the name must not be a built-in one. */
  public static JobType custom(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (BUILT_IN.contains(upper) || "CUSTOM".equals(upper)) {
      throw new IllegalArgumentException("'" + name + "' is a built-in job type name");
    }
    if (!CUSTOM_NAME.matcher(upper).matches()) {
      throw new IllegalArgumentException(
          "Custom job type '"
              + name
              + "' must be letters, digits and underscores, starting with a letter, at most 100");
    }
    return new JobType(upper);
  }

  /** True for the types Chronos defines. */
  public boolean isBuiltIn() {
    return BUILT_IN.contains(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
