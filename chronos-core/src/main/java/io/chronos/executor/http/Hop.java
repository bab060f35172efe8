package io.chronos.executor.http;

import io.chronos.payload.HttpPayload;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One request of a run: the first one, or one after a redirect.
 *
 * @param uri where it goes
 * @param method its method
 * @param body its body, or null
 * @param bodyType how the body is sent
 * @param credentials whether auth and secret headers go with it (false once a redirect left the
 *     first origin)
 */
record Hop(
    URI uri,
    HttpPayload.Method method,
    @Nullable String body,
    HttpPayload.BodyType bodyType,
    boolean credentials) {

  /** The first request of a payload. */
  static Hop first(HttpPayload payload, URI uri) {
    return new Hop(uri, payload.method(), payload.body(), payload.bodyType(), true);
  }

  /**
   * The request that follows a redirect to {@code next}: 303 (and 301/302 after a POST) turn into a
   * GET without body, 307 and 308 repeat the request; credentials stay only on the same origin.
   */
  Hop redirect(int status, URI next) {
    boolean toGet =
        (status == 303 && method != HttpPayload.Method.HEAD)
            || ((status == 301 || status == 302) && method == HttpPayload.Method.POST);
    return new Hop(
        next,
        toGet ? HttpPayload.Method.GET : method,
        toGet ? null : body,
        bodyType,
        credentials && sameOrigin(uri, next));
  }

  static boolean sameOrigin(URI a, URI b) {
    return scheme(a).equals(scheme(b))
        && Objects.equals(IpLiterals.normalise(a.getHost()), IpLiterals.normalise(b.getHost()))
        && port(a) == port(b);
  }

  static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return scheme(uri).equals("https") ? 443 : 80;
  }
}
