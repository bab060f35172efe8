package io.chronos.executor.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.FieldError;
import io.chronos.payload.HttpPayload;
import io.chronos.payload.HttpPayload.Method;
import io.chronos.secret.Secret;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What HttpExecutor.validate refuses, each problem by field. */
class HttpPayloadValidationTest {
  private final HttpExecutor executor = new HttpExecutor();

  private List<FieldError> validate(HttpPayload.Builder builder) {
    return executor.validate(builder.build());
  }

  private List<String> fields(HttpPayload.Builder builder) {
    return validate(builder).stream().map(FieldError::field).toList();
  }

  @Test
  void a_complete_payload_is_valid() {
    assertThat(
            validate(
                HttpPayload.post("https://api.example.com/v1/sync?full=1")
                    .header("X-Tenant", "acme")
                    .header("X-Session-Token", Secret.ref("env:SESSION"))
                    .bearer(Secret.ref("env:TOKEN"))
                    .jsonBody("{\"a\": [1, 2]}")
                    .connectTimeout(Duration.ofSeconds(2))
                    .timeout(Duration.ofSeconds(20))
                    .expectStatus("200,202,3xx")
                    .expectJsonField("data.items.0.status", "OK")
                    .expectBodyContains("OK")
                    .followRedirects(true)
                    .idempotencyKeyHeader(false)))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| is required",
        "example.com/x| absolute http or https",
        "ftp://example.com/x| absolute http or https",
        "file:///etc/passwd| absolute http or https",
        "http://exa mple.com/| not a valid URL",
        "http://user:pw@example.com/| basic auth",
        "http://127.1/| no valid host",
        "http://2130706433/| ambiguous",
        "http://0x7f000001:80/| ambiguous",
        "http://example.com:0/| port"
      })
  void bad_urls_are_refused(String url, String message) {
    List<FieldError> errors = validate(HttpPayload.get(url));

    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("url");
              assertThat(e.message()).contains(message.strip());
            });
  }

  @Test
  void a_url_longer_than_2048_characters_is_refused() {
    String url = "https://example.com/" + "a".repeat(2048);

    assertThat(fields(HttpPayload.get(url))).containsExactly("url");
  }

  @Test
  void method_is_required() {
    assertThat(fields(HttpPayload.request(null, "https://example.com/"))).containsExactly("method");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Host", "content-length", "Connection", "Expect", "Upgrade", "Transfer-Encoding"})
  void restricted_headers_are_refused(String name) {
    List<FieldError> errors = validate(HttpPayload.get("https://example.com/").header(name, "x"));

    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("headers[0].name");
              assertThat(e.message()).contains("cannot be set");
            });
  }

  @Test
  void header_names_and_values_must_be_legal() {
    List<FieldError> errors =
        validate(
            HttpPayload.get("https://example.com/")
                .header("Bad Name", "x")
                .header("X-Ok", "line\r\nX-Injected: 1")
                .header("", "x")
                .header("Authorization", "Bearer plain-text-token")
                .header("X-Both", "v")
                .auth(null));

    assertThat(errors)
        .extracting(FieldError::toString)
        .containsExactly(
            "headers[0].name: 'Bad Name' is not a valid header name",
            "headers[1].value: must not contain line breaks",
            "headers[2].name: is required",
            "headers[3].value: 'Authorization' holds a credential: give it as a secret");
  }

  @Test
  void a_header_needs_a_value_or_a_secret_but_not_both() {
    HttpPayload payload =
        new HttpPayload(
            "https://example.com/",
            Method.GET,
            List.of(
                new HttpPayload.Header("X-A", null, null),
                new HttpPayload.Header("X-B", "v", Secret.ref("env:B"))),
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            true,
            null,
            null);

    assertThat(executor.validate(payload))
        .extracting(FieldError::field)
        .containsExactly("headers[0].value", "headers[1].value");
  }

  @Test
  void auth_headers_conflict_with_explicit_ones() {
    assertThat(
            fields(
                HttpPayload.get("https://example.com/")
                    .header("Authorization", Secret.ref("env:A"))
                    .bearer(Secret.ref("env:T"))))
        .containsExactly("headers[0].name");
    assertThat(
            fields(
                HttpPayload.get("https://example.com/")
                    .header("x-api-key", Secret.ref("env:A"))
                    .apiKey("X-Api-Key", Secret.ref("env:K"))))
        .containsExactly("headers[0].name");
  }

  @Test
  void auth_parts_are_required() {
    assertThat(
            fields(HttpPayload.get("https://example.com/").auth(new HttpPayload.Basic(" ", null))))
        .containsExactly("auth.user", "auth.password");
    assertThat(fields(HttpPayload.get("https://example.com/").basic("a:b", Secret.ref("env:P"))))
        .containsExactly("auth.user");
    assertThat(fields(HttpPayload.get("https://example.com/").auth(new HttpPayload.Bearer(null))))
        .containsExactly("auth.token");
    assertThat(
            fields(
                HttpPayload.get("https://example.com/").auth(new HttpPayload.ApiKey("Host", null))))
        .containsExactly("auth.header", "auth.key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD"})
  void a_body_needs_a_method_that_takes_one(String method) {
    List<FieldError> errors =
        validate(HttpPayload.request(Method.valueOf(method), "https://example.com/").textBody("x"));

    assertThat(errors).extracting(FieldError::field).containsExactly("body");
  }

  @Test
  void a_json_body_must_parse() {
    List<FieldError> errors =
        validate(HttpPayload.post("https://example.com/").jsonBody("{\"a\": }"));

    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("body");
              assertThat(e.message()).startsWith("is not valid JSON");
            });
    assertThat(fields(HttpPayload.post("https://example.com/").jsonBody("{} trailing")))
        .containsExactly("body");
    assertThat(fields(HttpPayload.post("https://example.com/").textBody("{not json"))).isEmpty();
  }

  @Test
  void timeouts_must_be_positive_and_bounded() {
    assertThat(
            fields(
                HttpPayload.get("https://example.com/")
                    .connectTimeout(Duration.ZERO)
                    .timeout(Duration.ofHours(2))))
        .containsExactly("connectTimeout", "requestTimeout");
    assertThat(
            fields(
                HttpPayload.get("https://example.com/")
                    .connectTimeout(Duration.ofMinutes(6))
                    .timeout(Duration.ofMillis(-1))))
        .containsExactly("connectTimeout", "requestTimeout");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2x", "600", "200-100", "ok", "200;201"})
  void expected_status_must_be_a_list_of_codes_classes_or_ranges(String spec) {
    assertThat(fields(HttpPayload.get("https://example.com/").expectStatus(spec)))
        .containsExactly("expectedStatus");
  }

  @Test
  void checks_must_be_well_formed() {
    assertThat(
            fields(
                HttpPayload.get("https://example.com/")
                    .expectJsonField("data..status", "x")
                    .expectBodyContains("")))
        .containsExactly("jsonFieldCheck.path", "bodyContains");
    assertThat(fields(HttpPayload.get("https://example.com/").auth(null).expectJsonField("", null)))
        .containsExactly("jsonFieldCheck.path", "jsonFieldCheck.expected");
    assertThat(fields(HttpPayload.head("https://example.com/").expectBodyContains("x")))
        .containsExactly("bodyContains");
  }

  @Test
  void every_problem_is_reported_at_once() {
    assertThat(
            fields(
                HttpPayload.get("nope")
                    .header("Host", "x")
                    .textBody("b")
                    .timeout(Duration.ZERO)
                    .expectStatus("7xx")
                    .basic("", Secret.ref("env:P"))))
        .containsExactly(
            "url", "headers[0].name", "body", "requestTimeout", "expectedStatus", "auth.user");
  }
}
