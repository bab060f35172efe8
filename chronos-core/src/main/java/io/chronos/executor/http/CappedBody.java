package io.chronos.executor.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a cap: its first bytes, and how many bytes there were in all. The rest
 * is counted and dropped, so a large answer costs no memory.
 *
 * @param head the first bytes, at most the cap
 * @param size the body's size in bytes
 */
record CappedBody(byte[] head, long size) {

  /** True when {@link #head()} is the whole body. */
  boolean complete() {
    return head.length == size;
  }

  /** A body handler keeping at most {@code cap} bytes. */
  static HttpResponse.BodyHandler<CappedBody> handler(int cap) {
    return info -> new Subscriber(cap);
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<CappedBody> {
    private final int cap;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
    private long size;

    Subscriber(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<CappedBody> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        int length = buffer.remaining();
        size += length;
        int take = Math.min(length, cap - head.size());
        if (take > 0) {
          byte[] bytes = new byte[take];
          buffer.get(bytes);
          head.write(bytes, 0, take);
        }
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(new CappedBody(head.toByteArray(), size));
    }
  }
}
