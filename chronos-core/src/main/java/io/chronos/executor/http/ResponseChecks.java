package io.chronos.executor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronos.payload.HttpPayload;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/** The optional checks of a response body: a JSON field's value, or a text it must contain. */
final class ResponseChecks {
  /** How much of a body is read to check it; a longer body fails its check. */
  static final int MAX_CHECKED_BYTES = 1024 * 1024;

  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Pattern PATH = Pattern.compile("[^.]+(\\.[^.]+)*");
  private static final Pattern INDEX = Pattern.compile("\\d{1,9}");

  private ResponseChecks() {}

  /** True when the payload checks the body, so the body must be read in full. */
  static boolean checksBody(HttpPayload payload) {
    return payload.jsonFieldCheck() != null || payload.bodyContains() != null;
  }

  /** True for a path such as {@code data.status} or {@code items.0.id}. */
  static boolean isValidPath(String path) {
    return PATH.matcher(path).matches();
  }

  /**
   * Why the body fails the payload's checks, or empty when it passes them.
   *
   * @param body the body as text
   * @param complete false when the body was longer than {@link #MAX_CHECKED_BYTES}
   */
  static Optional<String> problem(HttpPayload payload, String body, boolean complete) {
    if (!checksBody(payload)) {
      return Optional.empty();
    }
    if (!complete) {
      return Optional.of(
          "the response body is longer than " + MAX_CHECKED_BYTES + " bytes and was not checked");
    }
    HttpPayload.JsonFieldCheck check = payload.jsonFieldCheck();
    if (check != null) {
      Optional<String> problem = jsonProblem(check, body);
      if (problem.isPresent()) {
        return problem;
      }
    }
    String expected = payload.bodyContains();
    if (expected != null && !body.contains(expected)) {
      return Optional.of("the response body does not contain the expected text");
    }
    return Optional.empty();
  }

  private static Optional<String> jsonProblem(HttpPayload.JsonFieldCheck check, String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return Optional.of("the response body is not JSON, so field " + check.path() + " is missing");
    }
    for (String segment : check.path().split("\\.")) {
      node = child(node, segment);
      if (node == null) {
        return Optional.of("JSON field " + check.path() + " is missing from the response");
      }
    }
    String actual = node.isValueNode() || node.isNull() ? node.asText() : node.toString();
    if (!actual.equals(check.expected())) {
      return Optional.of(
          "JSON field "
              + check.path()
              + " is '"
              + abbreviate(actual)
              + "', expected '"
              + abbreviate(check.expected())
              + "'");
    }
    return Optional.empty();
  }

  @Nullable
  private static JsonNode child(@Nullable JsonNode node, String segment) {
    if (node == null) {
      return null;
    }
    if (node.isArray() && INDEX.matcher(segment).matches()) {
      return node.get(Integer.parseInt(segment));
    }
    return node.isObject() ? node.get(segment) : null;
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
