package io.chronos.executor.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a request may carry its own {@code Host} header, which address pinning of plain-http
 * requests needs (the request goes to the checked IP, the header names the host). The JDK's
 * HttpClient refuses a {@code Host} header unless the system property {@code
 * jdk.httpclient.allowRestrictedHeaders} lists {@code host} when the client classes are first used;
 * this class adds it (keeping other listed names) as early as the executor is loaded. If the host
 * application used HttpClient before, it is too late: plain-http requests of guarded jobs then
 * connect by name, and a warning says so. Start the JVM with {@code
 * -Djdk.httpclient.allowRestrictedHeaders=host} to be independent of the loading order.
 */
final class HostHeaderOverride {
  static final String PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

  private static final Logger log = LoggerFactory.getLogger(HostHeaderOverride.class);

  private static final boolean AVAILABLE = enable();

  private HostHeaderOverride() {}

  /** True when requests may set the {@code Host} header. */
  static boolean available() {
    return AVAILABLE;
  }

  private static boolean enable() {
    try {
      String current = System.getProperty(PROPERTY);
      if (current == null || current.isBlank()) {
        System.setProperty(PROPERTY, "host");
      } else if (Arrays.stream(current.split(",")).noneMatch(h -> h.strip().equals("host"))) {
        System.setProperty(PROPERTY, current.strip() + ",host");
      }
    } catch (SecurityException e) {
      log.debug("Cannot set {}", PROPERTY, e);
    }
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe");
      return true;
    } catch (IllegalArgumentException e) {
      log.warn(
          "HttpClient was used before Chronos's HTTP executor was loaded, so requests cannot set"
              + " their Host header: plain-http requests of SSRF-guarded jobs connect by name"
              + " after the address check instead of to the checked address. Start the JVM with"
              + " -D{}=host to pin them.",
          PROPERTY);
      return false;
    }
  }
}
