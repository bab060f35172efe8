package io.chronos.notify;

import io.chronos.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Posts notifications as JSON to a URL. The body is Slack-compatible ({@code {"text": ...}}, so a
 * Slack or Mattermost incoming webhook shows the text) and carries the fields for machines. A
 * connection error, a timeout, 429 or a 5xx answer is retried with a doubling delay; any other
 * non-2xx answer is a failed delivery at once.
 *
 * <pre>{@code
 * WebhookChannel.builder("webhook-ops", URI.create("https://hooks.example.com/T000/B000/XXX"))
 *     .timeout(Duration.ofSeconds(5)).maxAttempts(3).build();
 * }</pre>
 */
public final class WebhookChannel implements NotificationChannel {
  private final String name;
  private final URI url;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration backoff;
  private final HttpClient client;

  private WebhookChannel(Builder b) {
    this.name = b.name;
    this.url = b.url;
    this.headers = Map.copyOf(b.headers);
    this.timeout = b.timeout;
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A builder for a channel of this name posting to this URL (http or https). */
  public static Builder builder(String name, URI url) {
    return new Builder(name, url);
  }

  /** Options of a webhook channel; each checks its argument. */
  public static final class Builder {
    private final String name;
    private final URI url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(10);
    private int maxAttempts = 3;
    private Duration backoff = Duration.ofSeconds(1);

    private Builder(String name, URI url) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("webhook channel name is required");
      }
      Objects.requireNonNull(url, "url");
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("webhook url must be http or https, was " + url);
      }
      this.name = name;
      this.url = url;
    }

    /** A header sent with every post (an auth token, say). */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** Connect and request timeout (100 ms to 2 minutes, default 10 s). */
    public Builder timeout(Duration timeout) {
      if (timeout == null
          || timeout.compareTo(Duration.ofMillis(100)) < 0
          || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
        throw new IllegalArgumentException("timeout must be 100 ms to 2 minutes, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Attempts per notification (1 to 10, default 3). */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 10, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The first retry delay, doubled for each further retry (0 to 1 minute, default 1 s). */
    public Builder backoff(Duration backoff) {
      if (backoff == null || backoff.isNegative() || backoff.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("backoff must be 0 to 1 minute, was " + backoff);
      }
      this.backoff = backoff;
      return this;
    }

    public WebhookChannel build() {
      return new WebhookChannel(this);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification notification) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(notification)));
    headers.forEach(request::header);
    Duration delay = backoff;
    for (int attempt = 1; ; attempt++) {
      String failure;
      try {
        int status =
            client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return;
        }
        failure = "webhook " + name + " answered " + status;
        if (status != 429 && status < 500) {
          throw new WebhookRefused(failure);
        }
      } catch (WebhookRefused refused) {
        throw refused;
      } catch (IOException e) {
        failure = "webhook " + name + " failed: " + e;
      }
      if (attempt >= maxAttempts) {
        throw new IOException(failure + " (after " + attempt + " attempts)");
      }
      Thread.sleep(delay.toMillis());
      delay = delay.multipliedBy(2);
    }
  }

  /** A 4xx answer other than 429: retrying cannot help. */
  private static final class WebhookRefused extends IOException {
    private static final long serialVersionUID = 1L;

    WebhookRefused(String message) {
      super(message);
    }
  }

  /** The JSON body: Slack's {@code text} plus every field. */
  static String body(Notification n) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", n.text());
    body.put("event", n.event().name());
    body.put("jobId", n.jobId());
    body.put("jobName", n.jobName());
    body.put("ownerId", n.ownerId());
    body.put("runId", n.runId());
    body.put("attempt", n.attempt());
    body.put("status", n.status());
    body.put("error", n.error());
    body.put("consecutiveFailures", n.consecutiveFailures());
    body.put("nodeId", n.nodeId());
    body.put("occurredAt", n.occurredAt().toString());
    return Json.write(body);
  }
}
