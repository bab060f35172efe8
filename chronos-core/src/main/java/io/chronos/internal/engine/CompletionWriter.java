package io.chronos.internal.engine;

import io.chronos.internal.store.Db;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of run outcomes: workers hand their closing over and wait; one writer thread takes
 * whatever has queued up meanwhile and writes it in one transaction. Under load, one commit (one
 * WAL flush on PostgreSQL) then closes many runs instead of one; when idle, a closing is written at
 * once, alone, so nothing waits for a batch to fill.
 *
 * <p>A worker returns only once its outcome is committed (or refused by the fence), exactly as if
 * it had written it itself. When a batch fails, each of its closings is retried in a transaction of
 * its own, so one bad closing cannot fail the others.
 *
 * @param <T> what is written
 */
final class CompletionWriter<T> {
  private static final Logger log = LoggerFactory.getLogger(CompletionWriter.class);

  private final Db db;
  private final Function<List<T>, boolean[]> write;
  private final int maxBatch;
  private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private boolean closed;

  private record Pending<T>(T item, CompletableFuture<Boolean> done) {}

  /**
   * @param write writes a batch inside the transaction it is called in; element i of its result
   *     says whether item i was written
   */
  CompletionWriter(Db db, Function<List<T>, boolean[]> write, int maxBatch, String name) {
    this.db = db;
    this.write = write;
    this.maxBatch = maxBatch;
    this.thread = DaemonThreads.named(name).newThread(this::loop);
  }

  void start() {
    thread.start();
  }

  /**
   * Writes the item in the next batch and waits for its commit; returns whether it was written.
   * After {@link #close()} the item is written at once, in the caller's thread.
   */
  boolean write(T item) {
    Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
    boolean queued;
    synchronized (this) {
      queued = !closed && queue.add(pending);
    }
    if (!queued) {
      flush(List.of(pending));
    }
    try {
      return pending.done().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void loop() {
    List<Pending<T>> batch = new ArrayList<>(maxBatch);
    while (true) {
      synchronized (this) {
        if (closed && queue.isEmpty()) {
          return;
        }
      }
      try {
        Pending<T> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        flush(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void flush(List<Pending<T>> batch) {
    List<T> items = new ArrayList<>(batch.size());
    batch.forEach(p -> items.add(p.item()));
    try {
      boolean[] written = db.inTransaction(() -> write.apply(items));
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(written[i]);
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).done().completeExceptionally(e);
        return;
      }
      log.debug("A batch of {} closings failed; writing them one by one", batch.size(), e);
      for (Pending<T> p : batch) {
        flush(List.of(p));
      }
    }
  }

  /** How many items wait for the writer thread (for tests). */
  int queued() {
    return queue.size();
  }

  /** Writes what is queued, then stops the writer thread; later writes run in the caller. */
  void close() {
    synchronized (this) {
      closed = true;
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending<T>> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.forEach(p -> flush(List.of(p)));
  }
}
