package io.chronos.executor.http;

import io.chronos.payload.HttpPayload;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.NonRetryableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The headers of one run's request with its secrets resolved, and the values that must never be
 * shown. Credentials (auth and secret headers) are marked so that a redirect to another origin
 * drops them.
 */
final class RequestHeaders {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** One header to send. */
  record Entry(String name, String value, boolean credential) {}

  private final List<Entry> entries;
  private final Set<String> sensitive;

  private RequestHeaders(List<Entry> entries, Set<String> sensitive) {
    this.entries = List.copyOf(entries);
    this.sensitive = Set.copyOf(sensitive);
  }

  /**
   * Resolves the payload's secret headers and auth through the context (which masks the values in
   * the run's log and error from then on).
   *
   * @throws NonRetryableException when a resolved value cannot be sent as a header value
   */
  static RequestHeaders resolve(HttpPayload payload, ExecutionContext context)
      throws NonRetryableException {
    List<Entry> entries = new ArrayList<>();
    Set<String> sensitive = new HashSet<>();
    for (HttpPayload.Header header : payload.headers()) {
      if (header.secret() != null) {
        String value = context.secret(header.secret());
        sensitive.add(value);
        entries.add(new Entry(header.name(), checked(header.name(), value), true));
      } else {
        entries.add(new Entry(header.name(), header.value(), false));
      }
    }
    HttpPayload.Auth auth = payload.auth();
    if (auth instanceof HttpPayload.Basic basic) {
      String password = context.secret(basic.password());
      String token =
          Base64.getEncoder()
              .encodeToString((basic.user() + ":" + password).getBytes(StandardCharsets.UTF_8));
      sensitive.add(password);
      sensitive.add(token);
      entries.add(new Entry("Authorization", "Basic " + token, true));
    } else if (auth instanceof HttpPayload.Bearer bearer) {
      String token = context.secret(bearer.token());
      sensitive.add(token);
      entries.add(new Entry("Authorization", "Bearer " + checked("Authorization", token), true));
    } else if (auth instanceof HttpPayload.ApiKey apiKey) {
      String key = context.secret(apiKey.key());
      sensitive.add(key);
      entries.add(new Entry(apiKey.header(), checked(apiKey.header(), key), true));
    }
    if (payload.idempotencyKeyHeader()
        && entries.stream().noneMatch(e -> e.name().equalsIgnoreCase(IDEMPOTENCY_KEY))) {
      entries.add(new Entry(IDEMPOTENCY_KEY, context.idempotencyKey(), false));
    }
    return new RequestHeaders(entries, sensitive);
  }

  private static String checked(String name, String value) throws NonRetryableException {
    if (HeaderRules.hasLineBreak(value)) {
      throw new NonRetryableException(
          "the secret value of header " + name + " contains a line break and cannot be sent");
    }
    return value;
  }

  /** The headers to send; without credentials after a redirect to another origin. */
  List<Entry> entries(boolean withCredentials) {
    return withCredentials ? entries : entries.stream().filter(e -> !e.credential()).toList();
  }

  /** True when a header of that name is sent. */
  boolean has(String name) {
    return entries.stream().anyMatch(e -> e.name().equalsIgnoreCase(name));
  }

  /** The clear values of the credentials, to mask in excerpts and messages. */
  Set<String> sensitive() {
    return sensitive;
  }
}
