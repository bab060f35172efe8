package io.chronos.executor.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what the executor writes: the resolved credentials of the run (and derived
 * forms such as the base64 of basic auth), secret-looking JSON fields and form fields of a response
 * excerpt, and secret-looking query parameters of a URL.
 */
final class Redaction {
  static final String MASK = "******";

  /** Values shorter than this are not masked in text: they would mask ordinary words. */
  static final int MIN_MASKED_LENGTH = 4;

  private static final String SECRET_NAME =
      "[^\"&=\\s]*(?:password|passwd|secret|token|apikey|api_key|api-key|authorization"
          + "|credential)[^\"&=\\s]*";
  private static final Pattern JSON_FIELD =
      Pattern.compile(
          "(\"" + SECRET_NAME + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern FORM_FIELD =
      Pattern.compile("(\\b" + SECRET_NAME + "=)[^&\\s\"]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUERY_SECRET =
      Pattern.compile(
          "(?:.*(?:password|passwd|secret|token|key|auth|credential|sig|signature).*)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

  private final Set<String> sensitive;

  /**
   * @param sensitive the clear values to mask wherever they appear
   */
  Redaction(Set<String> sensitive) {
    this.sensitive = Set.copyOf(sensitive);
  }

  /** The text with every sensitive value masked. */
  String text(String text) {
    String masked = text;
    for (String value : sensitive) {
      if (value.length() >= MIN_MASKED_LENGTH) {
        masked = masked.replace(value, MASK);
      }
    }
    return masked;
  }

  /**
   * The start of a response body as text, at most {@code maxChars} characters, with secrets and
   * control characters masked.
   */
  String excerpt(byte[] head, Charset charset, int maxChars) {
    if (maxChars == 0 || head.length == 0) {
      return "";
    }
    String body = new String(head, charset);
    body =
        JSON_FIELD
            .matcher(body)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "\"" + MASK + "\"");
    body = FORM_FIELD.matcher(body).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + MASK);
    body = text(body);
    body = CONTROL.matcher(body).replaceAll("?");
    return body.length() <= maxChars ? body : body.substring(0, maxChars);
  }

  /** A URL for a log line or a message: secret-looking query values and credentials masked. */
  String url(URI uri) {
    String query = uri.getRawQuery();
    String base = uri.getScheme() + "://" + uri.getRawAuthority() + nullToEmpty(uri.getRawPath());
    if (query == null) {
      return text(base);
    }
    StringBuilder masked = new StringBuilder();
    for (String pair : query.split("&", -1)) {
      if (masked.length() > 0) {
        masked.append('&');
      }
      int eq = pair.indexOf('=');
      if (eq > 0 && QUERY_SECRET.matcher(pair.substring(0, eq)).matches()) {
        masked.append(pair, 0, eq + 1).append(MASK);
      } else {
        masked.append(pair);
      }
    }
    return text(base + "?" + masked);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
