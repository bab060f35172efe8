package io.chronos.testsupport;

import io.chronos.Chronos;
import io.chronos.ChronosBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Builds Chronos nodes for a test database with fast test timings, and closes them all. */
public final class TestNodes implements AutoCloseable {
  private final TestDatabase db;
  private final List<Chronos> nodes = new ArrayList<>();
  private int counter;

  public TestNodes(TestDatabase db) {
    this.db = db;
  }

  /** A builder with test timings: 50 ms polls, 2 s lease, 300 ms heartbeat, 2 s shutdown. */
  public ChronosBuilder builder() {
    return Chronos.builder()
        .dataSource(db.dataSource())
        .schema(db.schema())
        .nodeId("node-" + (++counter))
        .workerThreads(4)
        .pollInterval(Duration.ofMillis(50))
        .lease(Duration.ofSeconds(2))
        .heartbeatInterval(Duration.ofMillis(300))
        .shutdownTimeout(Duration.ofSeconds(2))
        .clusterCheckinInterval(Duration.ofSeconds(1));
  }

  /** A node built with test timings and the given changes, not started. */
  public Chronos node(UnaryOperator<ChronosBuilder> changes) {
    Chronos node = changes.apply(builder()).build();
    nodes.add(node);
    return node;
  }

  /** A node with test timings, not started. */
  public Chronos node() {
    return node(b -> b);
  }

  @Override
  public void close() {
    for (Chronos node : nodes) {
      node.close();
    }
  }
}
