package io.chronos.executor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.payload.HttpPayload;
import io.chronos.payload.HttpPayload.Method;
import io.chronos.retry.FailureCategory;
import io.chronos.run.LogLevel;
import io.chronos.secret.Secret;
import io.chronos.security.Role;
import io.chronos.spi.ExecutionResult;
import io.chronos.testsupport.LoopbackHttpServer;
import io.chronos.testsupport.LoopbackHttpServer.Answer;
import io.chronos.testsupport.StubExecutionContext;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP executor called directly against a server on 127.0.0.1, as an ADMIN-owned job. */
class HttpExecutorTest {
  private LoopbackHttpServer server;
  private final HttpExecutor executor = new HttpExecutor();
  private StubExecutionContext context;

  @BeforeEach
  void start() {
    server = new LoopbackHttpServer();
    context = new StubExecutionContext(Role.ADMIN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ExecutionResult run(HttpPayload payload) throws Exception {
    return executor.execute(payload, context);
  }

  private static void assertSuccess(ExecutionResult result) {
    assertThat(result).isInstanceOf(ExecutionResult.Success.class);
  }

  private static ExecutionResult.Failure failure(ExecutionResult result) {
    assertThat(result).isInstanceOf(ExecutionResult.Failure.class);
    return (ExecutionResult.Failure) result;
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void sends_every_method(Method method) throws Exception {
    ExecutionResult result = run(HttpPayload.request(method, server.url("/m?x=1")).build());

    assertSuccess(result);
    LoopbackHttpServer.Request request = server.onlyRequest();
    assertThat(request.method()).isEqualTo(method.name());
    assertThat(request.path()).isEqualTo("/m");
    assertThat(request.query()).isEqualTo("x=1");
    assertThat(((ExecutionResult.Success) result).summary())
        .startsWith("HTTP 200 from " + method + " " + server.url("/m?x=1"));
  }

  @ParameterizedTest
  @EnumSource(
      value = Method.class,
      names = {"POST", "PUT", "PATCH", "DELETE"})
  void sends_headers_and_a_json_body(Method method) throws Exception {
    assertSuccess(
        run(
            HttpPayload.request(method, server.url("/body"))
                .header("X-Tenant", "acme")
                .header("Accept", "application/json")
                .jsonBody("{\"full\": true}")
                .build()));

    LoopbackHttpServer.Request request = server.onlyRequest();
    assertThat(request.body()).isEqualTo("{\"full\": true}");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("X-Tenant")).isEqualTo("acme");
    assertThat(request.header("Accept")).isEqualTo("application/json");
  }

  @Test
  void text_body_is_text_plain_unless_a_header_says_else() throws Exception {
    assertSuccess(run(HttpPayload.post(server.url("/t")).textBody("héllo").build()));
    assertSuccess(
        run(
            HttpPayload.put(server.url("/csv"))
                .header("Content-Type", "text/csv")
                .textBody("a,b")
                .build()));

    assertThat(server.requests().get(0).header("Content-Type"))
        .isEqualTo("text/plain; charset=UTF-8");
    assertThat(server.requests().get(0).body()).isEqualTo("héllo");
    assertThat(server.requests().get(1).header("Content-Type")).isEqualTo("text/csv");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer", "basic", "apiKey", "secretHeader"})
  void credentials_arrive_and_never_appear_in_the_log_or_the_result(String kind) throws Exception {
    String secret = "s3cr3t-" + kind + "-value";
    context.reference("vault:cred", secret);
    server.echoHeaders("/echo");
    HttpPayload.Builder builder = HttpPayload.get(server.url("/echo"));
    String expectedHeader;
    String expectedValue;
    switch (kind) {
      case "bearer" -> {
        builder.bearer(Secret.ref("vault:cred"));
        expectedHeader = "Authorization";
        expectedValue = "Bearer " + secret;
      }
      case "basic" -> {
        builder.basic("robot", Secret.ref("vault:cred"));
        expectedHeader = "Authorization";
        expectedValue =
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("robot:" + secret).getBytes(StandardCharsets.UTF_8));
      }
      case "apiKey" -> {
        builder.apiKey("X-Api-Key", Secret.ref("vault:cred"));
        expectedHeader = "X-Api-Key";
        expectedValue = secret;
      }
      default -> {
        builder.header("X-Session-Token", Secret.of(secret));
        expectedHeader = "X-Session-Token";
        expectedValue = secret;
      }
    }

    ExecutionResult result = run(builder.build());

    assertSuccess(result);
    assertThat(server.onlyRequest().header(expectedHeader)).isEqualTo(expectedValue);
    String encodedPart = expectedValue.substring(expectedValue.indexOf(' ') + 1);
    assertThat(context.allText())
        .doesNotContain(secret)
        .doesNotContain(encodedPart)
        .contains(Redaction.MASK);
    assertThat(result.toString()).doesNotContain(secret).doesNotContain(encodedPart);
  }

  @Test
  void a_failure_message_never_holds_a_credential() throws Exception {
    String token = "tok-0123456789";
    context.reference("env:TOKEN", token);
    server.answer("/deny", Answer.of(403, "token " + token + " is not allowed"));

    ExecutionResult.Failure failure =
        failure(run(HttpPayload.get(server.url("/deny")).bearer(Secret.ref("env:TOKEN")).build()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).doesNotContain(token);
    assertThat(context.allText()).doesNotContain(token).contains("token ******");
  }

  @Test
  void sends_the_same_idempotency_key_on_every_attempt_of_a_fire() throws Exception {
    server.answer("/flaky", Answer.of(503, "busy"));
    HttpPayload payload = HttpPayload.post(server.url("/flaky")).textBody("x").build();

    executor.execute(payload, new StubExecutionContext(Role.ADMIN, 1, "job-9:2030-01-01T00:00Z"));
    executor.execute(payload, new StubExecutionContext(Role.ADMIN, 2, "job-9:2030-01-01T00:00Z"));
    executor.execute(payload, new StubExecutionContext(Role.ADMIN, 1, "job-9:2030-01-01T00:01Z"));

    assertThat(server.requests())
        .extracting(r -> r.header("Idempotency-Key"))
        .containsExactly(
            "job-9:2030-01-01T00:00Z", "job-9:2030-01-01T00:00Z", "job-9:2030-01-01T00:01Z");
  }

  @Test
  void idempotency_key_header_can_be_turned_off_or_given_explicitly() throws Exception {
    run(HttpPayload.get(server.url("/a")).idempotencyKeyHeader(false).build());
    run(HttpPayload.get(server.url("/b")).header("Idempotency-Key", "mine").build());

    assertThat(server.requests().get(0).header("Idempotency-Key")).isNull();
    assertThat(server.requests().get(1).headers().get("idempotency-key")).containsExactly("mine");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "200; 2xx; true",
        "204; 2xx; true",
        "201; 200,201; true",
        "302; 200,201,3xx; true",
        "404; 200-299; false",
        "404; 404; true",
        "299; 200 - 299; true",
        "500; 2xx,4xx; false"
      })
  void success_is_decided_by_the_expected_status(int status, String expected, boolean ok)
      throws Exception {
    server.answer("/s", Answer.of(status, "x"));

    ExecutionResult result = run(HttpPayload.get(server.url("/s")).expectStatus(expected).build());

    assertThat(result instanceof ExecutionResult.Success).isEqualTo(ok);
  }

  @Test
  void json_field_check_compares_the_value_at_a_dotted_path() throws Exception {
    server.answer(
        "/job",
        Answer.of(200, "{\"data\":{\"status\":\"DONE\",\"count\":3,\"items\":[{\"id\":7}]}}"));
    String url = server.url("/job");

    assertSuccess(run(HttpPayload.get(url).expectJsonField("data.status", "DONE").build()));
    assertSuccess(run(HttpPayload.get(url).expectJsonField("data.count", "3").build()));
    assertSuccess(run(HttpPayload.get(url).expectJsonField("data.items.0.id", "7").build()));
    ExecutionResult.Failure wrong =
        failure(run(HttpPayload.get(url).expectJsonField("data.status", "FAILED").build()));
    ExecutionResult.Failure missing =
        failure(run(HttpPayload.get(url).expectJsonField("data.nope", "x").build()));

    assertThat(wrong.retryable()).isTrue();
    assertThat(wrong.message()).contains("data.status is 'DONE', expected 'FAILED'");
    assertThat(missing.message()).contains("data.nope is missing");
    server.answer("/html", Answer.of(200, "<html/>"));
    assertThat(
            failure(
                    run(
                        HttpPayload.get(server.url("/html"))
                            .expectJsonField("data.status", "DONE")
                            .build()))
                .message())
        .contains("not JSON");
  }

  @Test
  void body_substring_check() throws Exception {
    server.answer("/health", Answer.of(200, "status: UP, db: UP"));
    String url = server.url("/health");

    assertSuccess(run(HttpPayload.get(url).expectBodyContains("db: UP").build()));
    ExecutionResult.Failure failure =
        failure(run(HttpPayload.get(url).expectBodyContains("DOWN").build()));
    assertThat(failure.message()).contains("does not contain the expected text");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 429, 408})
  void server_errors_and_throttling_are_retryable(int status) throws Exception {
    server.answer("/e", Answer.of(status, "nope"));

    ExecutionResult.Failure failure = failure(run(HttpPayload.get(server.url("/e")).build()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.message()).startsWith("HTTP " + status + " from GET").contains("2xx");
    assertThat(failure.category())
        .isEqualTo(
            status == 429
                ? FailureCategory.HTTP_429
                : status == 408 ? FailureCategory.TIMEOUT : FailureCategory.HTTP_5XX);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 410, 422})
  void other_client_errors_are_not_retryable(int status) throws Exception {
    server.answer("/e", Answer.of(status, "nope"));

    ExecutionResult.Failure failure = failure(run(HttpPayload.get(server.url("/e")).build()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).startsWith("HTTP " + status);
    assertThat(failure.category()).isEqualTo(FailureCategory.HTTP_4XX);
  }

  @Test
  void retry_after_is_named_in_the_failure_and_in_a_structured_log_line() throws Exception {
    server.answer("/slow-down", Answer.of(429, "later").withHeader("Retry-After", "120"));

    ExecutionResult.Failure failure =
        failure(run(HttpPayload.get(server.url("/slow-down")).build()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.message()).contains("retry after 120 s").contains("[retryAfterMs=120000]");
    assertThat(failure.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(120));
    assertThat(context.lines())
        .anySatisfy(
            line -> {
              assertThat(line.level()).isEqualTo(LogLevel.WARN);
              assertThat(line.context())
                  .containsEntry("retryAfterMs", "120000")
                  .containsEntry("retryAfter", "120")
                  .containsEntry("status", "429");
            });
  }

  @Test
  void a_slow_answer_times_out_as_a_retryable_failure() throws Exception {
    server.answer("/slow", Answer.of(200, "late").after(Duration.ofSeconds(3)));
    long start = System.nanoTime();

    ExecutionResult.Failure failure =
        failure(run(HttpPayload.get(server.url("/slow")).timeout(Duration.ofMillis(300)).build()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.message()).contains("no response within PT0.3S");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2500);
  }

  @Test
  void the_job_deadline_cuts_the_request_timeout() throws Exception {
    server.answer("/slow", Answer.of(200, "late").after(Duration.ofSeconds(3)));
    context.deadline(Instant.now().plusMillis(300));

    ExecutionResult.Failure failure = failure(run(HttpPayload.get(server.url("/slow")).build()));

    assertThat(failure.message()).contains("deadline");
    context.deadline(Instant.now().minusSeconds(1));
    assertThat(failure(run(HttpPayload.get(server.url("/x")).build())).message())
        .contains("deadline passed before the request was sent");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void a_refused_connection_is_retryable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    ExecutionResult.Failure failure =
        failure(run(HttpPayload.get("http://127.0.0.1:" + port + "/").build()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.message()).startsWith("could not connect");
  }

  @Test
  void a_cancelled_run_stops_waiting() {
    server.answer("/slow", Answer.of(200, "late").after(Duration.ofSeconds(5)));
    CompletableFuture<ExecutionResult> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run(HttpPayload.get(server.url("/slow")).build());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    sleep(300);
    context.cancel();

    assertThatThrownBy(() -> running.get(2, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseInstanceOf(InterruptedException.class);
  }

  @Test
  void an_interrupted_worker_stops_waiting() throws Exception {
    server.answer("/slow", Answer.of(200, "late").after(Duration.ofSeconds(5)));
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                run(HttpPayload.get(server.url("/slow")).build());
                thrown.complete(null);
              } catch (Throwable e) {
                thrown.complete(e);
              }
            });
    worker.start();
    sleep(300);
    worker.interrupt();

    assertThat(thrown.get(2, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
  }

  @Test
  void redirects_are_not_followed_by_default() throws Exception {
    server.answer("/old", Answer.of(302, "").withHeader("Location", "/new"));

    ExecutionResult.Failure failure = failure(run(HttpPayload.get(server.url("/old")).build()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).contains("HTTP 302").contains("redirects are off");
    assertThat(server.requests())
        .extracting(LoopbackHttpServer.Request::path)
        .containsExactly("/old");
  }

  @Test
  void redirects_are_followed_when_enabled_and_a_303_turns_into_a_get() throws Exception {
    server.answer("/submit", Answer.of(303, "").withHeader("Location", "/result"));
    server.answer("/result", Answer.of(200, "done"));

    ExecutionResult result =
        run(HttpPayload.post(server.url("/submit")).textBody("form").followRedirects(true).build());

    assertSuccess(result);
    assertThat(server.requests())
        .extracting(r -> r.method() + " " + r.path() + " " + r.body())
        .containsExactly("POST /submit form", "GET /result ");
  }

  @Test
  void a_307_repeats_the_request_with_its_body() throws Exception {
    server.answer("/a", Answer.of(307, "").withHeader("Location", server.url("/b")));

    assertSuccess(
        run(HttpPayload.put(server.url("/a")).jsonBody("[1]").followRedirects(true).build()));

    assertThat(server.requests())
        .extracting(r -> r.method() + " " + r.path() + " " + r.body())
        .containsExactly("PUT /a [1]", "PUT /b [1]");
  }

  @Test
  void a_redirect_loop_ends_at_the_limit() throws Exception {
    server.answer("/loop", Answer.of(302, "").withHeader("Location", "/loop"));
    HttpExecutor strict = new HttpExecutor(HttpExecutorSettings.builder().maxRedirects(2).build());

    ExecutionResult.Failure failure =
        failure(
            strict.execute(
                HttpPayload.get(server.url("/loop")).followRedirects(true).build(), context));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).contains("more than 2 redirects");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void credentials_are_dropped_on_a_redirect_to_another_origin() throws Exception {
    context.reference("env:T", "token-1234");
    server.answer("/same", Answer.of(302, "").withHeader("Location", "/next"));
    server.answer(
        "/next",
        Answer.of(302, "").withHeader("Location", "http://localhost:" + server.port() + "/other"));

    assertSuccess(
        run(
            HttpPayload.get(server.url("/same"))
                .bearer(Secret.ref("env:T"))
                .header("X-Plain", "p")
                .followRedirects(true)
                .build()));

    assertThat(server.requests())
        .extracting(r -> r.path() + " " + r.header("Authorization") + " " + r.header("X-Plain"))
        .containsExactly("/same Bearer token-1234 p", "/next Bearer token-1234 p", "/other null p");
  }

  @Test
  void the_response_is_logged_with_status_size_and_a_capped_masked_excerpt() throws Exception {
    String big = "{\"access_token\":\"abcdefgh12345\",\"filler\":\"" + "x".repeat(5000) + "\"}";
    server.answer("/big", Answer.of(200, big));

    assertSuccess(run(HttpPayload.get(server.url("/big")).build()));

    StubExecutionContext.Line response =
        context.lines().stream().filter(l -> l.context().containsKey("status")).findFirst().get();
    assertThat(response.context().get("sizeBytes")).isEqualTo(String.valueOf(big.length()));
    assertThat(response.context().get("excerpt"))
        .hasSize(HttpExecutorSettings.DEFAULT_EXCERPT_BYTES)
        .startsWith("{\"access_token\":\"******\"")
        .doesNotContain("abcdefgh12345");
    assertThat(response.context()).containsEntry("excerptTruncated", "true");
  }

  @Test
  void an_invalid_stored_payload_is_refused_at_run_time_too() throws Exception {
    ExecutionResult.Failure failure =
        failure(run(HttpPayload.get("ftp://example.com/x").header("Host", "h").build()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).contains("url:").contains("headers[0].name:");
    assertThat(server.requests()).isEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
