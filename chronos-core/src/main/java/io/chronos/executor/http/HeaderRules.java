package io.chronos.executor.http;

import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/** Which request headers a payload may set, and which hold credentials. */
final class HeaderRules {
  static final int MAX_HEADER_NAME = 256;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Headers the HTTP client or the executor manages; a payload cannot set them. */
  static final Set<String> RESTRICTED =
      Set.of(
          "host",
          "content-length",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "te",
          "trailer",
          "keep-alive",
          "proxy-connection",
          "http2-settings");

  /** Header names whose value is a credential: such a value must be given as a secret. */
  private static final Pattern SENSITIVE =
      Pattern.compile(
          ".*(authorization|cookie|password|passwd|secret|token|apikey|api-key|api_key|credential)"
              + ".*");

  static {
    HostHeaderOverride.available(); // before the first HttpRequest.Builder of this class
  }

  private HeaderRules() {}

  /** A problem with a header name, or null when it may be sent. */
  @Nullable
  static String nameProblem(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return "is required";
    }
    if (name.length() > MAX_HEADER_NAME || !TOKEN.matcher(name).matches()) {
      return "'" + name + "' is not a valid header name";
    }
    if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) || !acceptedByClient(name)) {
      return "'" + name + "' is managed by the HTTP client and cannot be set";
    }
    return null;
  }

  private static boolean acceptedByClient(String name) {
    try {
      HttpRequest.newBuilder().header(name, "x");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean isSensitive(String headerName) {
    return SENSITIVE.matcher(headerName.toLowerCase(Locale.ROOT)).matches();
  }

  static boolean hasLineBreak(String value) {
    return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0;
  }
}
