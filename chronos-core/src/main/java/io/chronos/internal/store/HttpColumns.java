package io.chronos.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chronos.payload.HttpPayload;
import io.chronos.secret.Secret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * HTTP: {@code http_*} columns. Headers are JSON (a secret header value in its stored form); the
 * auth secret is stored encrypted or as a reference in {@code http_auth_secret}, with the basic
 * user or the API-key header name in {@code http_auth_name}.
 */
final class HttpColumns implements ColumnGroup<HttpPayload> {
  private static final TypeReference<List<HttpPayload.Header>> HEADERS = new TypeReference<>() {};

  private static final String BASIC = "BASIC";
  private static final String BEARER = "BEARER";
  private static final String API_KEY = "API_KEY";

  @Override
  public String payloadType() {
    return "HTTP";
  }

  @Override
  public Class<HttpPayload> payloadClass() {
    return HttpPayload.class;
  }

  @Override
  public void write(HttpPayload http, Map<String, Object> values, PayloadColumns columns) {
    values.put("http_url", http.url());
    values.put("http_method", http.method().name());
    values.put("http_headers", http.headers().isEmpty() ? null : columns.toJson(http.headers()));
    values.put("http_body", http.body());
    values.put("http_body_type", http.bodyType().name());
    values.put("http_connect_timeout_ms", millis(http.connectTimeout()));
    values.put("http_request_timeout_ms", millis(http.requestTimeout()));
    values.put("http_expected_status", http.expectedStatus().spec());
    HttpPayload.Auth auth = http.auth();
    String authType = null;
    String authName = null;
    Secret authSecret = null;
    if (auth instanceof HttpPayload.Basic basic) {
      authType = BASIC;
      authName = basic.user();
      authSecret = basic.password();
    } else if (auth instanceof HttpPayload.Bearer bearer) {
      authType = BEARER;
      authSecret = bearer.token();
    } else if (auth instanceof HttpPayload.ApiKey apiKey) {
      authType = API_KEY;
      authName = apiKey.header();
      authSecret = apiKey.key();
    }
    values.put("http_auth_type", authType);
    values.put("http_auth_name", authName);
    values.put("http_auth_secret", columns.storeSecret(authSecret));
    values.put("http_follow_redirects", http.followRedirects());
    values.put("http_idempotency_header", http.idempotencyKeyHeader());
    HttpPayload.JsonFieldCheck check = http.jsonFieldCheck();
    values.put("http_check_json_field", check == null ? null : check.path());
    values.put("http_check_json_value", check == null ? null : check.expected());
    values.put("http_check_body_contains", http.bodyContains());
  }

  @Override
  public HttpPayload read(ResultSet rs, PayloadColumns columns) throws SQLException {
    List<HttpPayload.Header> headers = columns.fromJson(rs.getString("http_headers"), HEADERS);
    String bodyType = rs.getString("http_body_type");
    String path = rs.getString("http_check_json_field");
    return new HttpPayload(
        rs.getString("http_url"),
        HttpPayload.Method.valueOf(rs.getString("http_method")),
        headers == null ? List.of() : headers,
        rs.getString("http_body"),
        bodyType == null ? null : HttpPayload.BodyType.valueOf(bodyType),
        PayloadColumns.millis(rs, "http_connect_timeout_ms"),
        PayloadColumns.millis(rs, "http_request_timeout_ms"),
        HttpPayload.ExpectedStatus.of(rs.getString("http_expected_status")),
        readAuth(rs, columns),
        rs.getBoolean("http_follow_redirects"),
        rs.getBoolean("http_idempotency_header"),
        path == null
            ? null
            : new HttpPayload.JsonFieldCheck(path, rs.getString("http_check_json_value")),
        rs.getString("http_check_body_contains"));
  }

  @Nullable
  private static HttpPayload.Auth readAuth(ResultSet rs, PayloadColumns columns)
      throws SQLException {
    String type = rs.getString("http_auth_type");
    if (type == null) {
      return null;
    }
    String name = rs.getString("http_auth_name");
    Secret secret = columns.readSecret(rs, "http_auth_secret");
    return switch (type) {
      case BASIC -> new HttpPayload.Basic(name, secret);
      case BEARER -> new HttpPayload.Bearer(secret);
      case API_KEY -> new HttpPayload.ApiKey(name, secret);
      default -> throw new IllegalStateException("Unknown http_auth_type " + type);
    };
  }

  @Nullable
  private static Long millis(@Nullable Duration duration) {
    return duration == null ? null : duration.toMillis();
  }
}
