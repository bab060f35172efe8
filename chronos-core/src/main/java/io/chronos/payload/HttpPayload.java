package io.chronos.payload;

import io.chronos.job.JobType;
import io.chronos.secret.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The HTTP executor's payload: one request, and what counts as success. Built fluently:
 *
 * <pre>{@code
 * HttpPayload.post("https://api.example.com/v1/sync")
 *     .header("X-Tenant", "acme")
 *     .bearer(Secret.ref("env:API_TOKEN"))
 *     .jsonBody("{\"full\": false}")
 *     .expectStatus("200,202")
 *     .timeout(Duration.ofSeconds(20))
 *     .build();
 * }</pre>
 *
 * The builder accepts any value; {@code Jobs.create} checks them all at once and reports every
 * problem by field ({@code payload.url}, {@code payload.headers[0].name}...).
 *
 * @param url the absolute http or https URL, at most 2048 characters
 * @param method the request method
 * @param headers request headers, in order; a value may be a secret
 * @param body the request body (POST, PUT, PATCH, DELETE), or null
 * @param bodyType how the body is sent: TEXT (text/plain) or JSON (application/json, must parse)
 * @param connectTimeout how long connecting may take, or null for the executor's default
 * @param requestTimeout how long the whole exchange may take (redirects and the response body
 *     included), or null for the executor's default; the job's timeout still applies
 * @param expectedStatus the status codes that mean success, default {@code 2xx}
 * @param auth how the request authenticates, or null for none
 * @param followRedirects whether 3xx answers are followed (each hop is checked again), default off
 * @param idempotencyKeyHeader whether the run's idempotency key is sent as {@code Idempotency-Key},
 *     default on
 * @param jsonFieldCheck a JSON field the response body must hold, or null
 * @param bodyContains a text the response body must contain, or null
 */
public record HttpPayload(
    String url,
    Method method,
    List<Header> headers,
    @Nullable String body,
    BodyType bodyType,
    @Nullable Duration connectTimeout,
    @Nullable Duration requestTimeout,
    ExpectedStatus expectedStatus,
    @Nullable Auth auth,
    boolean followRedirects,
    boolean idempotencyKeyHeader,
    @Nullable JsonFieldCheck jsonFieldCheck,
    @Nullable String bodyContains)
    implements JobPayload {

  public HttpPayload {
    headers = headers == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(headers));
    bodyType = bodyType == null ? BodyType.TEXT : bodyType;
    expectedStatus = expectedStatus == null ? ExpectedStatus.SUCCESSFUL : expectedStatus;
  }

  @Override
  public JobType type() {
    return JobType.HTTP;
  }

  /** The request methods the HTTP executor sends. */
  public enum Method {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE,
    HEAD;

    /** True for the methods that may carry a body. */
    public boolean allowsBody() {
      return this == POST || this == PUT || this == PATCH || this == DELETE;
    }
  }

  /** How a request body is sent. */
  public enum BodyType {
    /** As is, with {@code Content-Type: text/plain; charset=UTF-8} unless a header says else. */
    TEXT,
    /**
     * Must be valid JSON; sent with {@code Content-Type: application/json} unless a header says.
     */
    JSON
  }

  /**
   * One request header: a plain value, or a secret resolved when the run starts (and never logged).
   *
   * @param name the header name
   * @param value the plain value, or null when the value is a secret
   * @param secret the secret value, or null when the value is plain
   */
  public record Header(String name, @Nullable String value, @Nullable Secret secret) {

    /** A header with a plain value. */
    public static Header of(String name, String value) {
      return new Header(name, value, null);
    }

    /** A header whose value is a secret. */
    public static Header secret(String name, Secret secret) {
      return new Header(name, null, secret);
    }
  }

  /**
   * The status codes that mean success: a comma-separated list of codes ({@code 200}), classes
   * ({@code 2xx}) and ranges ({@code 200-299}), e.g. {@code 200,201,3xx}.
   *
   * @param spec the list as written
   */
  public record ExpectedStatus(String spec) {
    /** Any 2xx answer. */
    public static final ExpectedStatus SUCCESSFUL = new ExpectedStatus("2xx");

    public static ExpectedStatus of(String spec) {
      return new ExpectedStatus(spec);
    }

    @Override
    public String toString() {
      return spec;
    }
  }

  /**
   * A check of one field of a JSON response: the value at a dotted path ({@code data.status}, with
   * numbers indexing arrays: {@code items.0.id}) must equal {@code expected} (compared as text:
   * {@code true}, {@code 42}, {@code null} and strings as they are).
   *
   * @param path the dotted path
   * @param expected the expected value as text
   */
  public record JsonFieldCheck(String path, String expected) {}

  /** How a request authenticates. Secrets are resolved when the run starts and never logged. */
  public sealed interface Auth permits Basic, Bearer, ApiKey {}

  /**
   * HTTP basic authentication.
   *
   * @param user the user name (no colon)
   * @param password the password
   */
  public record Basic(String user, Secret password) implements Auth {}

  /**
   * A bearer token: {@code Authorization: Bearer <token>}.
   *
   * @param token the token
   */
  public record Bearer(Secret token) implements Auth {}

  /**
   * An API key sent in a header of its own, e.g. {@code X-Api-Key}.
   *
   * @param header the header name
   * @param key the key
   */
  public record ApiKey(String header, Secret key) implements Auth {}

  /** A GET request. */
  public static Builder get(String url) {
    return request(Method.GET, url);
  }

  /** A POST request. */
  public static Builder post(String url) {
    return request(Method.POST, url);
  }

  /** A PUT request. */
  public static Builder put(String url) {
    return request(Method.PUT, url);
  }

  /** A PATCH request. */
  public static Builder patch(String url) {
    return request(Method.PATCH, url);
  }

  /** A DELETE request. */
  public static Builder delete(String url) {
    return request(Method.DELETE, url);
  }

  /** A HEAD request. */
  public static Builder head(String url) {
    return request(Method.HEAD, url);
  }

  /** A request with the given method. */
  public static Builder request(Method method, String url) {
    return new Builder(method, url);
  }

  /** A builder pre-filled with this payload, to change some fields. */
  public Builder toBuilder() {
    Builder b = new Builder(method, url);
    b.headers.addAll(headers);
    b.body = body;
    b.bodyType = bodyType;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.expectedStatus = expectedStatus;
    b.auth = auth;
    b.followRedirects = followRedirects;
    b.idempotencyKeyHeader = idempotencyKeyHeader;
    b.jsonFieldCheck = jsonFieldCheck;
    b.bodyContains = bodyContains;
    return b;
  }

  /** Fluent builder of an {@link HttpPayload}. */
  public static final class Builder {
    private @Nullable Method method;
    private @Nullable String url;
    private final List<Header> headers = new ArrayList<>();
    private @Nullable String body;
    private BodyType bodyType = BodyType.TEXT;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration requestTimeout;
    private ExpectedStatus expectedStatus = ExpectedStatus.SUCCESSFUL;
    private @Nullable Auth auth;
    private boolean followRedirects;
    private boolean idempotencyKeyHeader = true;
    private @Nullable JsonFieldCheck jsonFieldCheck;
    private @Nullable String bodyContains;

    private Builder(@Nullable Method method, @Nullable String url) {
      this.method = method;
      this.url = url;
    }

    public Builder method(Method method) {
      this.method = method;
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** Adds a header with a plain value. */
    public Builder header(String name, String value) {
      headers.add(Header.of(name, value));
      return this;
    }

    /** Adds a header whose value is a secret (resolved at run time, never logged). */
    public Builder header(String name, Secret value) {
      headers.add(Header.secret(name, value));
      return this;
    }

    /** A text body, sent as {@code text/plain; charset=UTF-8} unless a header says else. */
    public Builder textBody(String body) {
      return body(body, BodyType.TEXT);
    }

    /** A JSON body (checked on save), sent as {@code application/json}. */
    public Builder jsonBody(String json) {
      return body(json, BodyType.JSON);
    }

    public Builder body(@Nullable String body, BodyType type) {
      this.body = body;
      this.bodyType = Objects.requireNonNullElse(type, BodyType.TEXT);
      return this;
    }

    /** How long connecting may take. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** How long the whole exchange may take, redirects and the response body included. */
    public Builder timeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** The status codes that mean success, e.g. {@code 200,201,3xx} or {@code 200-299}. */
    public Builder expectStatus(String spec) {
      this.expectedStatus = ExpectedStatus.of(spec);
      return this;
    }

    /** HTTP basic authentication. */
    public Builder basic(String user, Secret password) {
      this.auth = new Basic(user, password);
      return this;
    }

    /** {@code Authorization: Bearer <token>}. */
    public Builder bearer(Secret token) {
      this.auth = new Bearer(token);
      return this;
    }

    /** An API key in the named header. */
    public Builder apiKey(String header, Secret key) {
      this.auth = new ApiKey(header, key);
      return this;
    }

    public Builder auth(@Nullable Auth auth) {
      this.auth = auth;
      return this;
    }

    /** The response must be JSON whose field at {@code path} equals {@code expected}. */
    public Builder expectJsonField(String path, String expected) {
      this.jsonFieldCheck = new JsonFieldCheck(path, expected);
      return this;
    }

    /** The response body must contain {@code text}. */
    public Builder expectBodyContains(String text) {
      this.bodyContains = text;
      return this;
    }

    /** Follows redirects (at most the executor's limit), checking every hop again. */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /** Whether to send the run's idempotency key as {@code Idempotency-Key} (default true). */
    public Builder idempotencyKeyHeader(boolean send) {
      this.idempotencyKeyHeader = send;
      return this;
    }

    public HttpPayload build() {
      return new HttpPayload(
          url,
          method,
          headers,
          body,
          bodyType,
          connectTimeout,
          requestTimeout,
          expectedStatus,
          auth,
          followRedirects,
          idempotencyKeyHeader,
          jsonFieldCheck,
          bodyContains);
    }
  }
}
