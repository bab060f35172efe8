package io.chronos.executor.http;

import io.chronos.payload.HttpPayload;
import io.chronos.retry.FailureCategory;
import io.chronos.run.LogLevel;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the final response of a run into its result and log line: expected status, body checks,
 * retryable or not, the {@code Retry-After} delay.
 */
final class ResponseEvaluator {
  /** Marks the delay a server asked for in a failure message, for the retry policy to read. */
  static final String RETRY_AFTER_MARK = "retryAfterMs=";

  private ResponseEvaluator() {}

  static ExecutionResult evaluate(
      HttpResponse<CappedBody> response,
      Hop hop,
      HttpPayload payload,
      StatusMatcher expected,
      Redaction redaction,
      int excerptChars,
      long durationMs,
      ExecutionContext context) {
    int status = response.statusCode();
    CappedBody body = response.body();
    Charset charset = charset(response);
    boolean statusOk = expected.matches(status);
    String what = "HTTP " + status + " from " + hop.method() + " " + redaction.url(hop.uri());

    Map<String, Object> line = new LinkedHashMap<>();
    line.put("status", status);
    line.put("sizeBytes", body.size());
    line.put("durationMs", durationMs);
    line.put("excerpt", redaction.excerpt(body.head(), charset, excerptChars));
    if (body.size() > excerptChars) {
      line.put("excerptTruncated", true);
    }
    context.log().log(statusOk ? LogLevel.INFO : LogLevel.WARN, what, line);

    if (!statusOk) {
      String message = what + " (expected " + expected + ")";
      if (isRetryable(status)) {
        Optional<Duration> delay = retryAfter(response, status, context);
        String text =
            message
                + delay
                    .map(
                        d ->
                            "; server asks to retry after "
                                + d.toSeconds()
                                + " s ["
                                + RETRY_AFTER_MARK
                                + d.toMillis()
                                + "]")
                    .orElse("");
        FailureCategory category = category(status);
        return delay.isPresent()
            ? ExecutionResult.failure(text, category, delay.get())
            : ExecutionResult.failure(text, category);
      }
      if (isRedirect(status)) {
        message +=
            response
                .headers()
                .firstValue("Location")
                .map(l -> "; redirect to " + redaction.text(l) + " not followed")
                .orElse("");
        message += payload.followRedirects() ? "" : " (redirects are off for this job)";
      }
      return ExecutionResult.nonRetryable(
          message, status >= 400 ? FailureCategory.HTTP_4XX : FailureCategory.OTHER);
    }
    String text = new String(body.head(), charset);
    Optional<String> problem = ResponseChecks.problem(payload, text, body.complete());
    if (problem.isPresent()) {
      String message = what + ": " + redaction.text(problem.get());
      context.log().warn("response check failed: " + redaction.text(problem.get()));
      return ExecutionResult.failure(message);
    }
    return ExecutionResult.success(what + ", " + body.size() + " bytes in " + durationMs + " ms");
  }

  /** 5xx, 429 and 408 may pass: the retry policy may try again. */
  static boolean isRetryable(int status) {
    return status >= 500 || status == 429 || status == 408;
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** The failure category of a retryable status. */
  static FailureCategory category(int status) {
    if (status == 429) {
      return FailureCategory.HTTP_429;
    }
    return status == 408 ? FailureCategory.TIMEOUT : FailureCategory.HTTP_5XX;
  }

  private static Optional<Duration> retryAfter(
      HttpResponse<CappedBody> response, int status, ExecutionContext context) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    Optional<Duration> delay = header.flatMap(h -> RetryAfter.parse(h, context.clock().instant()));
    if (delay.isEmpty()) {
      return delay;
    }
    long millis = delay.get().toMillis();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("status", status);
    line.put("retryAfterMs", millis);
    line.put("retryAfter", header.get());
    context.log().log(
        LogLevel.WARN, "server asked to retry after " + delay.get().toSeconds() + " s", line);
    return delay;
  }

  private static Charset charset(HttpResponse<?> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    for (String param : type.split(";")) {
      String p = param.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        try {
          return Charset.forName(p.substring(8).replace("\"", "").strip());
        } catch (RuntimeException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
