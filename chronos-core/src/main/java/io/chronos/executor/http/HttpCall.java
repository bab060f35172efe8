package io.chronos.executor.http;

import io.chronos.payload.HttpPayload;
import io.chronos.retry.FailureCategory;
import io.chronos.security.Role;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.NonRetryableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** One run of an HTTP job: the request, the redirects it follows, and the outcome. */
final class HttpCall {
  private final HttpExecutorSettings settings;
  private final AddressPolicy policy;
  private final HttpClients clients;
  private final HttpPayload payload;
  private final ExecutionContext context;
  private final boolean guarded;

  HttpCall(
      HttpExecutorSettings settings,
      AddressPolicy policy,
      HttpClients clients,
      HttpPayload payload,
      ExecutionContext context) {
    this.settings = settings;
    this.policy = policy;
    this.clients = clients;
    this.payload = payload;
    this.context = context;
    this.guarded = context.ownerRole() == Role.USER || settings.ssrfProtectionForAdminJobs();
  }

  ExecutionResult run() throws InterruptedException, NonRetryableException {
    StatusMatcher expected = StatusMatcher.parse(payload.expectedStatus().spec());
    RequestHeaders headers = RequestHeaders.resolve(payload, context);
    Redaction redaction = new Redaction(headers.sensitive());
    Duration timeout =
        payload.requestTimeout() != null
            ? payload.requestTimeout()
            : settings.defaultRequestTimeout();
    Optional<Instant> deadline = context.deadline();
    boolean cutByDeadline = false;
    if (deadline.isPresent()) {
      Duration left = Duration.between(context.clock().instant(), deadline.get());
      if (left.compareTo(timeout) < 0) {
        timeout = left;
        cutByDeadline = true;
      }
    }
    if (timeout.isZero() || timeout.isNegative()) {
      return ExecutionResult.failure(
          "the job's deadline passed before the request was sent", FailureCategory.TIMEOUT);
    }
    Duration connectTimeout =
        payload.connectTimeout() != null
            ? payload.connectTimeout()
            : settings.defaultConnectTimeout();
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    int cap =
        ResponseChecks.checksBody(payload)
            ? ResponseChecks.MAX_CHECKED_BYTES
            : settings.excerptBytes() * 2 + 256; // room to mask a secret the cut would split
    Hop hop = Hop.first(payload, URI.create(payload.url()));
    for (int redirects = 0; ; redirects++) {
      String url = redaction.url(hop.uri());
      RequestFactory.Destination destination;
      try {
        destination = destination(hop.uri());
      } catch (BlockedAddressException e) {
        context.log().warn("request refused by SSRF protection: " + e.getMessage());
        return ExecutionResult.nonRetryable(
            "refused by SSRF protection: " + e.getMessage() + " (" + url + ")");
      } catch (UnknownHostException e) {
        return ExecutionResult.failure(
            "unknown host '" + hop.uri().getHost() + "' (" + url + ")", FailureCategory.CONNECTION);
      }
      logRequest(hop, url, destination);
      long hopStart = System.nanoTime();
      HttpResponse<CappedBody> response;
      try {
        Duration left =
            Duration.ofNanos(Math.max(end - hopStart, TimeUnit.MILLISECONDS.toNanos(1)));
        response =
            Exchange.send(
                clients.forConnectTimeout(connectTimeout),
                RequestFactory.build(hop, destination, headers, left),
                cap,
                end,
                context);
      } catch (TimeoutException | HttpTimeoutException e) {
        if (e instanceof HttpConnectTimeoutException) {
          return ExecutionResult.failure(
              "could not connect within " + connectTimeout + " (" + url + ")",
              FailureCategory.CONNECTION);
        }
        return ExecutionResult.failure(
            (cutByDeadline ? "the job's deadline was reached" : "no response within " + timeout)
                + " ("
                + hop.method()
                + " "
                + url
                + ")",
            FailureCategory.TIMEOUT);
      } catch (IOException e) {
        return ExecutionResult.failure(
            describe(e) + " (" + hop.method() + " " + url + ")", FailureCategory.CONNECTION);
      }
      long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hopStart);
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (!payload.followRedirects()
          || !ResponseEvaluator.isRedirect(status)
          || location.isEmpty()) {
        return ResponseEvaluator.evaluate(
            response,
            hop,
            payload,
            expected,
            redaction,
            settings.excerptBytes(),
            durationMs,
            context);
      }
      if (redirects >= settings.maxRedirects()) {
        return ExecutionResult.nonRetryable(
            "more than " + settings.maxRedirects() + " redirects, the last from " + url);
      }
      URI next;
      try {
        next = hop.uri().resolve(new URI(location.get()));
      } catch (URISyntaxException e) {
        return ExecutionResult.nonRetryable(
            "HTTP " + status + " from " + url + ": invalid Location");
      }
      String scheme = Hop.scheme(next);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || next.getHost() == null
          || next.getRawUserInfo() != null) {
        return ExecutionResult.nonRetryable(
            "HTTP " + status + " from " + url + ": redirect to an unsupported URL");
      }
      Hop following = hop.redirect(status, next);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("status", status);
      line.put("location", redaction.url(next));
      line.put("durationMs", durationMs);
      if (hop.credentials() && !following.credentials()) {
        line.put("credentials", "dropped: another origin");
      }
      context.log().info("HTTP " + status + " redirect from " + url, line);
      hop = following;
    }
  }

  private RequestFactory.Destination destination(URI uri)
      throws BlockedAddressException, UnknownHostException {
    if (!guarded) {
      return RequestFactory.direct(uri);
    }
    if (uri.getHost() == null) {
      throw new BlockedAddressException("the URL has no valid host");
    }
    InetAddress address = policy.check(uri.getHost());
    return RequestFactory.checked(uri, address);
  }

  private void logRequest(Hop hop, String url, RequestFactory.Destination destination) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("method", hop.method().name());
    line.put("url", url);
    line.put("attempt", context.attempt());
    line.put("ssrfGuard", guarded);
    if (destination.address() != null) {
      line.put("address", IpLiterals.uriLiteral(destination.address()));
      line.put("pinned", destination.pinned());
    }
    context.log().info("HTTP " + hop.method() + " " + url, line);
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "could not connect: " + message(e);
    }
    if (e instanceof UnknownHostException) {
      return "unknown host: " + message(e);
    }
    if (e instanceof SSLException) {
      return "TLS failed: " + message(e);
    }
    return "request failed: " + message(e);
  }

  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
