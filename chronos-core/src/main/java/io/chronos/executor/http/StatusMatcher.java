package io.chronos.executor.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expected status codes of a request, parsed from a list such as {@code 200,201,3xx} or {@code
 * 200-299}: codes, classes ({@code 2xx}) and inclusive ranges, separated by commas.
 */
final class StatusMatcher {
  static final int MAX_LENGTH = 200;

  private static final Pattern CODE = Pattern.compile("[1-5]\\d\\d");
  private static final Pattern CLASS = Pattern.compile("([1-5])xx");
  private static final Pattern RANGE = Pattern.compile("([1-5]\\d\\d)\\s*-\\s*([1-5]\\d\\d)");

  private record Range(int low, int high) {}

  private final String spec;
  private final List<Range> ranges;

  private StatusMatcher(String spec, List<Range> ranges) {
    this.spec = spec;
    this.ranges = List.copyOf(ranges);
  }

  /**
   * Parses a list of expected status codes.
   *
   * @throws IllegalArgumentException naming the first item that is not a code, class or range
   */
  static StatusMatcher parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("is required, e.g. 2xx or 200,201");
    }
    if (spec.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
    }
    List<Range> ranges = new ArrayList<>();
    for (String raw : spec.split(",", -1)) {
      String item = raw.strip().toLowerCase(Locale.ROOT);
      Matcher m;
      if (CODE.matcher(item).matches()) {
        int code = Integer.parseInt(item);
        ranges.add(new Range(code, code));
      } else if ((m = CLASS.matcher(item)).matches()) {
        int first = Integer.parseInt(m.group(1)) * 100;
        ranges.add(new Range(first, first + 99));
      } else if ((m = RANGE.matcher(item)).matches()) {
        int low = Integer.parseInt(m.group(1));
        int high = Integer.parseInt(m.group(2));
        if (low > high) {
          throw new IllegalArgumentException("range '" + raw.strip() + "' ends before it starts");
        }
        ranges.add(new Range(low, high));
      } else {
        throw new IllegalArgumentException(
            "'"
                + raw.strip()
                + "' is not a status code (100-599), a class such as 2xx or a range such as"
                + " 200-299");
      }
    }
    return new StatusMatcher(spec.strip(), ranges);
  }

  boolean matches(int status) {
    for (Range range : ranges) {
      if (status >= range.low() && status <= range.high()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return spec;
  }
}
