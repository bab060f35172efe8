package io.chronos.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 and an ephemeral port for tests: records every request and answers
 * each path as told (status, headers, body, delay); unknown paths answer 200 with {@code ok}.
 */
public final class LoopbackHttpServer implements AutoCloseable {

  /** A request as the server saw it; header names in lower case. */
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {

    /** The first value of a header, or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** What the server answers on a path. */
  public record Answer(int status, Map<String, String> headers, String body, Duration delay) {
    public static Answer of(int status, String body) {
      return new Answer(status, Map.of(), body, Duration.ZERO);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Answer(status, all, body, delay);
    }

    public Answer after(Duration delay) {
      return new Answer(status, headers, body, delay);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Set<String> echoPaths = ConcurrentHashMap.newKeySet();

  public LoopbackHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** The server's port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Answers requests to {@code path} (exact match) so from now on. */
  public LoopbackHttpServer answer(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  /** Answers requests to {@code path} with 200 and the request's headers, one per line. */
  public LoopbackHttpServer echoHeaders(String path) {
    echoPaths.add(path);
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The only request seen; fails when there were none or several. */
  public Request onlyRequest() {
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, saw " + requests);
    }
    return requests.get(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, List<String>> headers = new ConcurrentHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(
        new Request(exchange.getRequestMethod(), path, query == null ? "" : query, headers, body));
    Answer answer = answers.getOrDefault(path, Answer.of(200, "ok"));
    if (echoPaths.contains(path)) {
      StringBuilder echo = new StringBuilder();
      headers.forEach((k, v) -> echo.append(k).append(": ").append(v.get(0)).append('\n'));
      answer = Answer.of(200, echo.toString());
    }
    try {
      if (!answer.delay().isZero()) {
        Thread.sleep(answer.delay().toMillis());
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || bytes.length == 0;
      exchange.sendResponseHeaders(answer.status(), noBody ? -1 : bytes.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (a timeout test)
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
