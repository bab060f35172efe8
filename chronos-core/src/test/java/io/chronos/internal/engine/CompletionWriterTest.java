package io.chronos.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronos.internal.dialect.Dialect;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/** The group commit of run outcomes, on a table of its own in an in-memory H2 database. */
class CompletionWriterTest {
  private static int counter;

  private Db db;
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final List<String> writerThreads = new CopyOnWriteArrayList<>();
  private final AtomicInteger entered = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private CompletionWriter<Integer> writer;
  private final ExecutorService callers = Executors.newFixedThreadPool(8);

  @BeforeEach
  void open() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:completion" + (++counter) + ";DB_CLOSE_DELAY=-1");
    db = new Db(ds, null, Dialect.H2, new Tables("PUBLIC"), Clock.systemUTC());
    db.jdbc().execute("CREATE TABLE closed (id INT PRIMARY KEY)");
    writer = new CompletionWriter<>(db, this::insert, 8, "test-completer");
    writer.start();
  }

  @AfterEach
  void close() throws InterruptedException {
    gate.countDown();
    writer.close();
    callers.shutdownNow();
    callers.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Inserts the ids; negative ids are "refused by the fence" (not written, false). */
  private boolean[] insert(List<Integer> ids) {
    entered.incrementAndGet();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    batchSizes.add(ids.size());
    writerThreads.add(Thread.currentThread().getName());
    boolean[] written = new boolean[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) >= 0) {
        db.jdbc().update("INSERT INTO closed (id) VALUES (?)", ids.get(i));
        written[i] = true;
      }
    }
    return written;
  }

  private List<Integer> stored() {
    return db.jdbc().queryForList("SELECT id FROM closed ORDER BY id", Integer.class);
  }

  @Test
  void a_lone_item_is_written_at_once_and_its_result_returned() {
    assertThat(writer.write(1)).isTrue();
    assertThat(writer.write(-2)).isFalse();
    assertThat(stored()).containsExactly(1);
    assertThat(batchSizes).containsExactly(1, 1);
    assertThat(writerThreads).allMatch(name -> name.startsWith("test-completer"));
  }

  @Test
  void items_queued_while_a_batch_is_written_share_the_next_commit() throws Exception {
    gate = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    results.add(callers.submit(() -> writer.write(0)));
    // The writer thread now holds item 0 and waits at the gate; queue seven more behind it.
    await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1);
    for (int id = 1; id <= 7; id++) {
      int item = id == 4 ? -4 : id;
      results.add(callers.submit(() -> writer.write(item)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> writer.queued() == 7);
    gate.countDown();
    List<Boolean> outcomes = new ArrayList<>();
    for (Future<Boolean> f : results) {
      outcomes.add(f.get(10, TimeUnit.SECONDS));
    }
    assertThat(outcomes).containsExactly(true, true, true, true, false, true, true, true);
    assertThat(batchSizes).containsExactly(1, 7);
    assertThat(stored()).containsExactly(0, 1, 2, 3, 5, 6, 7);
  }

  @Test
  void a_failing_item_fails_alone_and_the_rest_of_its_batch_is_written() throws Exception {
    db.jdbc().update("INSERT INTO closed (id) VALUES (3)");
    gate = new CountDownLatch(1);
    Future<Boolean> first = callers.submit(() -> writer.write(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1);
    List<Future<Boolean>> batch = new ArrayList<>();
    for (int id = 1; id <= 4; id++) {
      int item = id;
      batch.add(callers.submit(() -> writer.write(item)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> writer.queued() == 4);
    gate.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(batch.get(0).get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(batch.get(1).get(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> batch.get(2).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DataAccessException.class);
    assertThat(batch.get(3).get(10, TimeUnit.SECONDS)).isTrue();
    // The batch of four rolled back as a whole, then each item was written on its own.
    assertThat(batchSizes).containsExactly(1, 4, 1, 1, 1, 1);
    assertThat(stored()).containsExactly(1, 2, 3, 4, 10);
  }

  @Test
  void after_close_items_are_written_in_the_callers_thread() {
    writer.close();
    assertThat(writer.write(5)).isTrue();
    assertThat(stored()).containsExactly(5);
    assertThat(writerThreads).containsExactly(Thread.currentThread().getName());
  }
}
