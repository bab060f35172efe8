package io.chronos.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.PageRequest;
import io.chronos.dlq.DlqQuery;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.security.Actor;
import io.chronos.testing.SettableClock;
import io.chronos.testsupport.DatabaseContract;
import io.chronos.testsupport.GateExecutor;
import io.chronos.testsupport.GatePayload;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claim-ahead on every database: one worker, runs A, B and C queued in that order. A's claim finds
 * the backlog; when A ends, the next claim takes B for the free worker and C ahead of it. C is then
 * RUNNING on the node without having started, and must start, go back to the queue, or end
 * CANCELLED exactly as the dispatcher documents.
 */
abstract class ClaimAheadContract extends DatabaseContract {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(50);

  private final GateExecutor gates = new GateExecutor();
  // Whole milliseconds: the databases round a stored time to microseconds, which could put a run
  // triggered at the clock's time a fraction after it, not due until the clock moves.
  private final SettableClock clock =
      new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private final Actor system = Actor.system();
  private final List<String> jobs = new ArrayList<>();
  private final List<String> gateNames = new ArrayList<>();
  private Chronos node;

  @AfterEach
  void deleteJobs() {
    gateNames.forEach(g -> gates.gate(g).open());
    // The suite's schema outlives the test: no run of this one may be claimed in the next.
    Chronos cleaner = nodes.node();
    jobs.forEach(id -> cleaner.jobs().delete(system, id));
    jobs.clear();
    gateNames.clear();
  }

  private Chronos start(int claimAhead) {
    node =
        nodes
            .node(
                b ->
                    b.executor(gates)
                        .clock(clock)
                        .workerThreads(1)
                        .claimAhead(claimAhead)
                        .pollInterval(POLL))
            .start();
    return node;
  }

  /** Triggers a run of a new gate job, due 1 ms after the previous one. */
  private JobRun queue(String gate) {
    gateNames.add(gate);
    Job job =
        node.jobs().create(system, JobSpec.builder(unique(gate), new GatePayload(gate)).build());
    jobs.add(job.id());
    clock.advance(Duration.ofMillis(1));
    return node.jobs().trigger(system, job.id());
  }

  private JobRun run(JobRun run) {
    return node.runs().get(system, run.id()).orElseThrow();
  }

  private RunStatus status(JobRun run) {
    return run(run).status();
  }

  /** Queues A, B and C, lets A pass and waits until B runs at its gate. */
  private JobRun[] aPassedBRunning(String prefix) {
    String a = unique(prefix + "a");
    String b = unique(prefix + "b");
    String c = unique(prefix + "c");
    JobRun[] runs = {queue(a), queue(b), queue(c)};
    await().atMost(WAIT).until(() -> gates.gate(a).entered() == 1);
    gates.gate(a).open();
    await().atMost(WAIT).until(() -> gates.gate(b).entered() == 1);
    return runs;
  }

  private String gateOf(JobRun run) {
    return gateNames.get(jobs.indexOf(run.jobId()));
  }

  @Test
  void a_run_claimed_ahead_waits_running_and_starts_when_the_worker_frees_up() {
    start(1);
    JobRun[] runs = aPassedBRunning("start");
    JobRun c = runs[2];
    await().atMost(WAIT).until(() -> status(c) == RunStatus.RUNNING);
    JobRun waiting = run(c);
    assertThat(waiting.nodeId()).isEqualTo(node.nodeId());
    assertThat(gates.gate(gateOf(c)).entered()).isZero();
    Instant claimed = waiting.startedAt();
    // Less than a poll interval later on the node's clock, B ends and C starts.
    clock.advance(Duration.ofMillis(20));
    Instant workerStart = clock.instant();
    gates.gate(gateOf(runs[1])).open();
    await().atMost(WAIT).until(() -> gates.gate(gateOf(c)).entered() == 1);
    gates.gate(gateOf(c)).open();
    JobRun done = await().atMost(WAIT).until(() -> run(c), r -> r.status() == RunStatus.SUCCEEDED);
    assertThat(done.attempt()).isEqualTo(1);
    // Its recorded start is the worker's, not the claim's.
    assertThat(claimed).isBefore(workerStart);
    assertThat(done.startedAt()).isEqualTo(workerStart);
  }

  @Test
  void a_run_that_finds_no_free_worker_within_the_poll_interval_goes_back_to_the_queue() {
    start(1);
    JobRun[] runs = aPassedBRunning("back");
    JobRun c = runs[2];
    await().atMost(WAIT).until(() -> status(c) == RunStatus.RUNNING);
    clock.advance(POLL.plusMillis(1));
    JobRun back = await().atMost(WAIT).until(() -> run(c), r -> r.status() == RunStatus.QUEUED);
    assertThat(back.nodeId()).isNull();
    assertThat(back.startedAt()).isNull();
    assertThat(gates.gate(gateOf(c)).entered()).isZero();
    // Its worker still busy, the node does not claim it again at once.
    await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);
    assertThat(status(c)).isEqualTo(RunStatus.QUEUED);
    gates.gate(gateOf(runs[1])).open();
    gates.gate(gateOf(c)).open();
    await().atMost(WAIT).until(() -> status(c) == RunStatus.SUCCEEDED);
    assertThat(gates.gate(gateOf(c)).entered()).isEqualTo(1);
  }

  @Test
  void a_waiting_run_that_is_cancelled_ends_cancelled_without_starting() {
    start(1);
    JobRun[] runs = aPassedBRunning("cancel");
    JobRun c = runs[2];
    await().atMost(WAIT).until(() -> status(c) == RunStatus.RUNNING);
    node.runs().cancel(system, c.id());
    JobRun ended = await().atMost(WAIT).until(() -> run(c), r -> r.status() == RunStatus.CANCELLED);
    assertThat(ended.error()).isEqualTo("cancelled");
    assertThat(gates.gate(gateOf(c)).entered()).isZero();
    assertThat(status(runs[1])).isEqualTo(RunStatus.RUNNING);
    gates.gate(gateOf(runs[1])).open();
    await().atMost(WAIT).until(() -> status(runs[1]) == RunStatus.SUCCEEDED);
    assertThat(node.runs().forJob(system, c.jobId(), PageRequest.first()).items()).hasSize(1);
    assertThat(node.deadLetters().list(system, DlqQuery.all().job(c.jobId())).items()).isEmpty();
  }

  @Test
  void close_hands_waiting_runs_back_to_the_queue_at_once() {
    start(1);
    JobRun[] runs = aPassedBRunning("close");
    JobRun c = runs[2];
    await().atMost(WAIT).until(() -> status(c) == RunStatus.RUNNING);
    node.close();
    assertThat(status(c)).isEqualTo(RunStatus.QUEUED);
    assertThat(run(c).nodeId()).isNull();
    assertThat(gates.gate(gateOf(c)).entered()).isZero();
    // B was interrupted at shutdown and handed back too.
    assertThat(status(runs[1])).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void claim_ahead_zero_claims_for_free_workers_only() {
    start(0);
    JobRun[] runs = aPassedBRunning("zero");
    await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);
    assertThat(status(runs[2])).isEqualTo(RunStatus.QUEUED);
    gates.gate(gateOf(runs[1])).open();
    gates.gate(gateOf(runs[2])).open();
    await().atMost(WAIT).until(() -> status(runs[2]) == RunStatus.SUCCEEDED);
  }

  @Test
  void claim_ahead_out_of_range_is_refused_naming_the_option() {
    assertThatThrownBy(() -> nodes.builder().claimAhead(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("claimAhead must be 0 to 1000, was -1");
    assertThatThrownBy(() -> nodes.builder().claimAhead(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("claimAhead must be 0 to 1000, was 1001");
  }
}
