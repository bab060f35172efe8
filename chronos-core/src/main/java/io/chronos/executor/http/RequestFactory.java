package io.chronos.executor.http;

import io.chronos.payload.HttpPayload;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.annotation.Nullable;

/** Builds the {@link HttpRequest} of a hop, pinned to the checked address where it can be. */
final class RequestFactory {

  /**
   * Where a request connects.
   *
   * @param requestUri the URI handed to the client (the checked IP literal when pinned)
   * @param hostHeader the {@code Host} header naming the original host when pinned, else null
   * @param address the checked address, or null for an unguarded request
   */
  record Destination(URI requestUri, @Nullable String hostHeader, @Nullable InetAddress address) {
    boolean pinned() {
      return hostHeader != null;
    }
  }

  private RequestFactory() {}

  /** An unguarded request: the client resolves the host itself. */
  static Destination direct(URI uri) {
    return new Destination(withoutFragment(uri, uri.getRawAuthority()), null, null);
  }

  /**
   * A guarded request to a checked address. Plain http goes to the address with a {@code Host}
   * header naming the host, so the address checked is the address connected to. https keeps the
   * name, which SNI and certificate verification need; see the class comment of {@link
   * HttpExecutor} for what that leaves open.
   */
  static Destination checked(URI uri, InetAddress address) {
    if (Hop.scheme(uri).equals("http") && HostHeaderOverride.available()) {
      String authority =
          IpLiterals.uriLiteral(address) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      return new Destination(withoutFragment(uri, authority), uri.getRawAuthority(), address);
    }
    return new Destination(withoutFragment(uri, uri.getRawAuthority()), null, address);
  }

  private static URI withoutFragment(URI uri, String authority) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return URI.create(Hop.scheme(uri) + "://" + authority + path + query);
  }

  static HttpRequest build(
      Hop hop, Destination destination, RequestHeaders headers, Duration timeout) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(destination.requestUri()).timeout(timeout);
    if (Hop.scheme(hop.uri()).equals("http")) {
      builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance
    }
    if (destination.pinned()) {
      builder.header("Host", destination.hostHeader());
    }
    for (RequestHeaders.Entry entry : headers.entries(hop.credentials())) {
      if (!HeaderRules.RESTRICTED.contains(entry.name().toLowerCase(Locale.ROOT))) {
        builder.header(entry.name(), entry.value());
      }
    }
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
    if (hop.body() != null) {
      publisher = HttpRequest.BodyPublishers.ofString(hop.body(), StandardCharsets.UTF_8);
      if (!headers.has("Content-Type")) {
        builder.header(
            "Content-Type",
            hop.bodyType() == HttpPayload.BodyType.JSON
                ? "application/json"
                : "text/plain; charset=UTF-8");
      }
    }
    return builder.method(hop.method().name(), publisher).build();
  }
}
