package io.chronos.executor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chronos.FieldError;
import io.chronos.payload.HttpPayload;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/** Checks an {@link HttpPayload} field by field and reports every problem. */
final class HttpPayloadValidator {
  static final int MAX_URL = 2048;
  static final int MAX_HEADERS = 50;
  static final int MAX_HEADER_VALUE = 8192;
  static final int MAX_BODY = 1024 * 1024;
  static final int MAX_CHECK_PATH = 500;
  static final int MAX_CHECK_TEXT = 1000;

  private HttpPayloadValidator() {}

  static List<FieldError> validate(HttpPayload payload) {
    List<FieldError> errors = new ArrayList<>();
    checkUrl(payload.url(), errors);
    if (payload.method() == null) {
      errors.add(new FieldError("method", "is required: GET, POST, PUT, PATCH, DELETE or HEAD"));
    }
    checkHeaders(payload, errors);
    checkBody(payload, errors);
    checkTimeout(
        "connectTimeout",
        payload.connectTimeout(),
        HttpExecutorSettings.MAX_CONNECT_TIMEOUT,
        errors);
    checkTimeout(
        "requestTimeout",
        payload.requestTimeout(),
        HttpExecutorSettings.MAX_REQUEST_TIMEOUT,
        errors);
    try {
      StatusMatcher.parse(payload.expectedStatus().spec());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("expectedStatus", e.getMessage()));
    }
    checkAuth(payload.auth(), errors);
    checkChecks(payload, errors);
    return errors;
  }

  private static void checkUrl(@Nullable String url, List<FieldError> errors) {
    if (url == null || url.isBlank()) {
      errors.add(new FieldError("url", "is required"));
      return;
    }
    if (url.length() > MAX_URL) {
      errors.add(new FieldError("url", "must be at most " + MAX_URL + " characters"));
      return;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      errors.add(new FieldError("url", "is not a valid URL: " + e.getReason()));
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      errors.add(new FieldError("url", "must be an absolute http or https URL"));
    } else if (uri.getHost() == null) {
      errors.add(new FieldError("url", "has no valid host name"));
    } else if (uri.getRawUserInfo() != null) {
      errors.add(new FieldError("url", "must not hold a user or password: use basic auth"));
    } else if (IpLiterals.isAmbiguousNumeric(IpLiterals.normalise(uri.getHost()))) {
      errors.add(
          new FieldError("url", "host is a numeric address in an ambiguous form; write a.b.c.d"));
    } else if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      errors.add(new FieldError("url", "port must be 1 to 65535"));
    }
  }

  private static void checkHeaders(HttpPayload payload, List<FieldError> errors) {
    List<HttpPayload.Header> headers = payload.headers();
    if (headers.size() > MAX_HEADERS) {
      errors.add(new FieldError("headers", "at most " + MAX_HEADERS + " headers"));
    }
    String authHeader = authHeaderName(payload.auth());
    for (int i = 0; i < headers.size(); i++) {
      String field = "headers[" + i + "]";
      HttpPayload.Header header = headers.get(i);
      if (header == null) {
        errors.add(new FieldError(field, "is required"));
        continue;
      }
      String nameProblem = HeaderRules.nameProblem(header.name());
      if (nameProblem != null) {
        errors.add(new FieldError(field + ".name", nameProblem));
      } else if (authHeader != null && header.name().equalsIgnoreCase(authHeader)) {
        errors.add(new FieldError(field + ".name", "'" + header.name() + "' is set by auth"));
      }
      if (header.value() == null && header.secret() == null) {
        errors.add(new FieldError(field + ".value", "is required (a value or a secret)"));
      } else if (header.value() != null && header.secret() != null) {
        errors.add(new FieldError(field + ".value", "give a value or a secret, not both"));
      } else if (header.value() != null) {
        if (header.value().length() > MAX_HEADER_VALUE) {
          errors.add(new FieldError(field + ".value", "must be at most " + MAX_HEADER_VALUE));
        } else if (HeaderRules.hasLineBreak(header.value())) {
          errors.add(new FieldError(field + ".value", "must not contain line breaks"));
        }
        if (nameProblem == null && HeaderRules.isSensitive(header.name())) {
          errors.add(
              new FieldError(
                  field + ".value",
                  "'" + header.name() + "' holds a credential: give it as a secret"));
        }
      }
    }
  }

  @Nullable
  private static String authHeaderName(@Nullable HttpPayload.Auth auth) {
    if (auth instanceof HttpPayload.ApiKey apiKey) {
      return apiKey.header();
    }
    return auth == null ? null : "Authorization";
  }

  private static void checkBody(HttpPayload payload, List<FieldError> errors) {
    String body = payload.body();
    if (body == null) {
      return;
    }
    if (payload.method() != null && !payload.method().allowsBody()) {
      errors.add(
          new FieldError("body", "only POST, PUT, PATCH and DELETE requests may have a body"));
    }
    if (body.length() > MAX_BODY) {
      errors.add(new FieldError("body", "must be at most " + MAX_BODY + " characters"));
    } else if (payload.bodyType() == HttpPayload.BodyType.JSON) {
      try {
        ResponseChecks.JSON.readTree(body);
      } catch (JsonProcessingException e) {
        errors.add(new FieldError("body", "is not valid JSON: " + e.getOriginalMessage()));
      }
    }
  }

  private static void checkTimeout(
      String field, @Nullable Duration timeout, Duration max, List<FieldError> errors) {
    if (timeout != null
        && (timeout.isZero() || timeout.isNegative() || timeout.compareTo(max) > 0)) {
      errors.add(new FieldError(field, "must be positive and at most " + max + ", was " + timeout));
    }
  }

  private static void checkAuth(@Nullable HttpPayload.Auth auth, List<FieldError> errors) {
    if (auth instanceof HttpPayload.Basic basic) {
      if (basic.user() == null || basic.user().isBlank()) {
        errors.add(new FieldError("auth.user", "is required"));
      } else if (basic.user().contains(":") || HeaderRules.hasLineBreak(basic.user())) {
        errors.add(new FieldError("auth.user", "must not contain a colon or line breaks"));
      }
      if (basic.password() == null) {
        errors.add(new FieldError("auth.password", "is required"));
      }
    } else if (auth instanceof HttpPayload.Bearer bearer && bearer.token() == null) {
      errors.add(new FieldError("auth.token", "is required"));
    } else if (auth instanceof HttpPayload.ApiKey apiKey) {
      String problem = HeaderRules.nameProblem(apiKey.header());
      if (problem != null) {
        errors.add(new FieldError("auth.header", problem));
      }
      if (apiKey.key() == null) {
        errors.add(new FieldError("auth.key", "is required"));
      }
    }
  }

  private static void checkChecks(HttpPayload payload, List<FieldError> errors) {
    HttpPayload.JsonFieldCheck check = payload.jsonFieldCheck();
    if (check != null) {
      if (check.path() == null || check.path().isBlank()) {
        errors.add(new FieldError("jsonFieldCheck.path", "is required"));
      } else if (check.path().length() > MAX_CHECK_PATH
          || !ResponseChecks.isValidPath(check.path())) {
        errors.add(
            new FieldError(
                "jsonFieldCheck.path",
                "must be a dotted path such as data.status, at most " + MAX_CHECK_PATH));
      }
      if (check.expected() == null) {
        errors.add(new FieldError("jsonFieldCheck.expected", "is required"));
      } else if (check.expected().length() > MAX_CHECK_TEXT) {
        errors.add(new FieldError("jsonFieldCheck.expected", "must be at most " + MAX_CHECK_TEXT));
      }
    }
    String contains = payload.bodyContains();
    if (contains != null && (contains.isEmpty() || contains.length() > MAX_CHECK_TEXT)) {
      errors.add(new FieldError("bodyContains", "must be 1 to " + MAX_CHECK_TEXT + " characters"));
    }
    if (payload.method() == HttpPayload.Method.HEAD && ResponseChecks.checksBody(payload)) {
      errors.add(
          new FieldError(
              check != null ? "jsonFieldCheck" : "bodyContains",
              "a HEAD response has no body to check"));
    }
  }
}
