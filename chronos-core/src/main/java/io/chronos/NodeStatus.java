package io.chronos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;

/**
 * How one node and its cluster look right now, for health checks.
 *
 * @param nodeId this node
 * @param started whether it fires triggers and executes runs
 * @param lastHeartbeat when its heartbeat last reached the database (renewed leases, recovered
 *     others' runs), or null before it started
 * @param lease how long a claim holds without renewal
 * @param liveNodes the nodes that checked in with the cluster lately (Quartz's check-in), this one
 *     included once it has started
 */
public record NodeStatus(
    String nodeId,
    boolean started,
    @Nullable Instant lastHeartbeat,
    Duration lease,
    List<String> liveNodes) {

  public NodeStatus {
    liveNodes = List.copyOf(liveNodes);
  }

  /**
   * True when the last heartbeat is younger than the lease: this node's runs cannot have been taken
   * from it as lost.
   */
  public boolean leaseFresh(Instant now) {
    return lastHeartbeat != null && lastHeartbeat.plus(lease).isAfter(now);
  }
}
