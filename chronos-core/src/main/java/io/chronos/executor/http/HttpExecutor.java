package io.chronos.executor.http;

import io.chronos.FieldError;
import io.chronos.job.JobType;
import io.chronos.payload.HttpPayload;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import io.chronos.spi.NonRetryableException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Runs HTTP jobs: sends the payload's request with {@link java.net.http.HttpClient} and checks the
 * answer (status, optionally a JSON field or a text in the body).
 *
 * <p>Failures: a connection error, a timeout, a 5xx, 429 or 408 answer and a failed body check are
 * retryable (a {@code Retry-After} delay is named in the error as {@code [retryAfterMs=...]} and in
 * a WARN log line with {@code retryAfterMs}); any other unexpected status, an invalid payload, and
 * a request refused by the SSRF protection are not.
 *
 * <p>SSRF protection guards every job owned by a USER, and ADMIN jobs when {@link
 * HttpExecutorSettings#ssrfProtectionForAdminJobs()} is on. The host is resolved once and every
 * address is checked against the deny list (the allow list overrides it); numeric hosts in
 * ambiguous forms are refused. Plain http is then sent to the checked IP with a {@code Host} header
 * naming the host, so the address checked is the address used. https connects by name, because SNI
 * and certificate verification need the name: the client resolves again, normally from the JVM's
 * address cache filled by the check a moment before. If a rebinding DNS answer slips into that
 * moment, the connection can reach a denied address, but the TLS handshake fails there unless that
 * server holds a valid certificate for the name, so no request (headers, secrets, body) is sent to
 * it. Redirects are not followed unless the payload asks; each hop is then checked again, and auth
 * and secret headers are dropped once a redirect leaves the first origin. Clients use no proxy.
 *
 * <p>Thread-safe: one instance serves every run. The no-argument constructor (used by {@link
 * java.util.ServiceLoader}) takes {@link HttpExecutorSettings#defaults()}; register {@code new
 * HttpExecutor(settings)} on the builder to change them.
 */
public final class HttpExecutor implements JobExecutor<HttpPayload> {

  static {
    HostHeaderOverride.available(); // as early as possible, before any HttpClient use
  }

  private final HttpExecutorSettings settings;
  private final AddressPolicy policy;
  private final HttpClients clients = new HttpClients();

  /** An executor with the default settings. */
  public HttpExecutor() {
    this(HttpExecutorSettings.defaults());
  }

  public HttpExecutor(HttpExecutorSettings settings) {
    this(settings, AddressPolicy.SYSTEM_RESOLVER);
  }

  /** With a resolver of host names of its own (tests). */
  HttpExecutor(HttpExecutorSettings settings, AddressPolicy.Resolver resolver) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.policy = new AddressPolicy(settings.allowList(), resolver);
  }

  @Override
  public JobType type() {
    return JobType.HTTP;
  }

  @Override
  public Class<HttpPayload> payloadType() {
    return HttpPayload.class;
  }

  /** The settings this executor runs with. */
  public HttpExecutorSettings settings() {
    return settings;
  }

  @Override
  public List<FieldError> validate(HttpPayload payload) {
    return HttpPayloadValidator.validate(payload);
  }

  @Override
  public ExecutionResult execute(HttpPayload payload, ExecutionContext context)
      throws InterruptedException, NonRetryableException {
    // Checked again: a stored payload may predate a stricter rule, or have been edited in the
    // table.
    List<FieldError> errors = validate(payload);
    if (!errors.isEmpty()) {
      return ExecutionResult.nonRetryable(
          "invalid HTTP payload: "
              + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    }
    return new HttpCall(settings, policy, clients, payload, context).run();
  }
}
