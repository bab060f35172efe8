package io.chronos.testsupport;

import io.chronos.job.JobType;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds each run at its gate until the test opens it, and counts how many runs of a gate were
 * inside at once. Share one instance between nodes to count across the cluster.
 */
public final class GateExecutor implements JobExecutor<GatePayload> {

  /** One gate's counters and latch. */
  public static final class Gate {
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger maxInside = new AtomicInteger();
    private final AtomicInteger entered = new AtomicInteger();
    private final CountDownLatch open = new CountDownLatch(1);

    public int inside() {
      return inside.get();
    }

    public int maxInside() {
      return maxInside.get();
    }

    public int entered() {
      return entered.get();
    }

    public void open() {
      open.countDown();
    }
  }

  private final Map<String, Gate> gates = new ConcurrentHashMap<>();

  public Gate gate(String name) {
    return gates.computeIfAbsent(name, n -> new Gate());
  }

  @Override
  public JobType type() {
    return GatePayload.TYPE;
  }

  @Override
  public Class<GatePayload> payloadType() {
    return GatePayload.class;
  }

  @Override
  public ExecutionResult execute(GatePayload payload, ExecutionContext context)
      throws InterruptedException {
    Gate gate = gate(payload.gate());
    gate.entered.incrementAndGet();
    int now = gate.inside.incrementAndGet();
    gate.maxInside.accumulateAndGet(now, Math::max);
    try {
      while (!gate.open.await(20, TimeUnit.MILLISECONDS)) {
        if (context.isCancelled()) {
          throw new InterruptedException("cancelled at the gate");
        }
      }
      return ExecutionResult.success("passed " + payload.gate());
    } finally {
      gate.inside.decrementAndGet();
    }
  }
}
