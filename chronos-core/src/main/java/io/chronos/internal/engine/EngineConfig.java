package io.chronos.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import javax.annotation.Nullable;

/**
 * The effective settings of one node, as the builder filled them in.
 *
 * @param nodeId this node's id, unique in the cluster
 * @param workerThreads how many runs this node executes at once
 * @param claimAhead how many runs a claim may take beyond the free workers while there is a backlog
 *     (see {@link RunDispatcher})
 * @param pollInterval how often an idle dispatcher looks for due runs
 * @param lease how long a claim is valid without renewal
 * @param heartbeatInterval how often leases are renewed and expired ones recovered
 * @param shutdownTimeout how long close() lets running runs finish
 * @param logBatchSize log lines buffered before a write
 * @param maxLogLinesPerRun log lines kept per run; the rest are counted and dropped
 * @param defaultZone the zone of cron schedules given without one
 * @param clock the clock of every scheduling decision
 * @param retention how long ended runs are kept, or null for ever
 */
public record EngineConfig(
    String nodeId,
    int workerThreads,
    int claimAhead,
    Duration pollInterval,
    Duration lease,
    Duration heartbeatInterval,
    Duration shutdownTimeout,
    int logBatchSize,
    int maxLogLinesPerRun,
    ZoneId defaultZone,
    Clock clock,
    @Nullable Duration retention) {}
