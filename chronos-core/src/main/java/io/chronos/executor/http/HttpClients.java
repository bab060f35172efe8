package io.chronos.executor.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor's HTTP clients, one per connect timeout (a client's connect timeout is fixed), so
 * that connections are pooled. Clients never follow redirects (the executor does, checking each
 * hop) and never use a proxy (the address checked must be the address connected to).
 */
final class HttpClients {
  private static final int MAX_CACHED = 16;

  static {
    HostHeaderOverride.available(); // before the first client
  }

  private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

  HttpClient forConnectTimeout(Duration connectTimeout) {
    HttpClient client = clients.get(connectTimeout);
    if (client != null) {
      return client;
    }
    if (clients.size() >= MAX_CACHED) {
      return create(connectTimeout);
    }
    return clients.computeIfAbsent(connectTimeout, HttpClients::create);
  }

  private static HttpClient create(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .build();
  }
}
