package io.chronos.executor.http;

import io.chronos.spi.ExecutionContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request and waits for the whole response within a time budget, noticing a cancelled run
 * or an interrupted thread; the exchange is aborted when the wait ends early.
 */
final class Exchange {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private Exchange() {}

  /**
   * @param endNanos the {@link System#nanoTime()} by which the response must be complete
   * @throws TimeoutException when the budget ran out
   * @throws InterruptedException when the thread was interrupted or the run cancelled
   * @throws IOException when the exchange failed (connection, timeout of the client, protocol)
   */
  static HttpResponse<CappedBody> send(
      HttpClient client, HttpRequest request, int cap, long endNanos, ExecutionContext context)
      throws IOException, InterruptedException, TimeoutException {
    CompletableFuture<HttpResponse<CappedBody>> response =
        client.sendAsync(request, CappedBody.handler(cap));
    try {
      while (true) {
        if (context.isCancelled()) {
          throw new InterruptedException("run cancelled");
        }
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException();
        }
        try {
          return response.get(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // look at the budget and the cancel flag again
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(cause), cause);
    } finally {
      if (!response.isDone()) {
        response.cancel(true);
      }
    }
  }
}
