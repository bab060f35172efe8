package io.chronos.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.ConflictException;
import io.chronos.NotFoundException;
import io.chronos.PageRequest;
import io.chronos.dlq.DlqQuery;
import io.chronos.job.Concurrency;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.security.Actor;
import io.chronos.security.NewUser;
import io.chronos.security.Role;
import io.chronos.testsupport.DatabaseContract;
import io.chronos.testsupport.GateExecutor;
import io.chronos.testsupport.GatePayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrency rules and cancellation, on every database, with two nodes sharing the work. */
abstract class ControlContract extends DatabaseContract {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private GateExecutor gates;
  private Chronos one;
  private Chronos two;
  private final Actor system = Actor.system();

  @BeforeEach
  void startNodes() {
    gates = new GateExecutor();
    one = nodes.node(b -> b.executor(gates)).start();
    two = nodes.node(b -> b.executor(gates)).start();
  }

  private Job gateJob(String gate, Concurrency concurrency) {
    return one.jobs()
        .create(
            system,
            JobSpec.builder(unique(gate), new GatePayload(gate)).concurrency(concurrency).build());
  }

  private RunStatus status(String runId) {
    return one.runs().get(system, runId).orElseThrow().status();
  }

  private List<JobRun> triggerTimes(Job job, int times) {
    List<JobRun> runs = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      runs.add((i % 2 == 0 ? one : two).jobs().trigger(system, job.id()));
    }
    return runs;
  }

  @Test
  void forbid_lets_one_run_at_a_time_across_two_nodes() {
    String gate = unique("forbid");
    Job job = gateJob(gate, Concurrency.FORBID);
    assertThat(job.concurrency()).isEqualTo(Concurrency.FORBID);
    List<JobRun> runs = triggerTimes(job, 4);
    await().atMost(WAIT).until(() -> gates.gate(gate).entered() == 1);
    // Give both nodes several polls to (wrongly) start a second run.
    await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
    assertThat(gates.gate(gate).inside()).isEqualTo(1);
    assertThat(runs.stream().filter(r -> status(r.id()) == RunStatus.QUEUED).count()).isEqualTo(3);
    gates.gate(gate).open();
    await()
        .atMost(WAIT)
        .until(() -> runs.stream().allMatch(r -> status(r.id()) == RunStatus.SUCCEEDED));
    assertThat(gates.gate(gate).maxInside()).isEqualTo(1);
    assertThat(gates.gate(gate).entered()).isEqualTo(4);
  }

  @Test
  void skip_records_a_run_that_finds_another_running_as_skipped() {
    String gate = unique("skip");
    Job job = gateJob(gate, Concurrency.SKIP);
    JobRun first = one.jobs().trigger(system, job.id());
    await().atMost(WAIT).until(() -> gates.gate(gate).entered() == 1);
    JobRun second = two.jobs().trigger(system, job.id());
    await().atMost(WAIT).until(() -> status(second.id()) == RunStatus.SKIPPED);
    assertThat(one.runs().get(system, second.id()).orElseThrow().error()).contains("skipped");
    gates.gate(gate).open();
    await().atMost(WAIT).until(() -> status(first.id()) == RunStatus.SUCCEEDED);
    assertThat(gates.gate(gate).entered()).isEqualTo(1);
    assertThat(one.deadLetters().list(system, DlqQuery.all().job(job.id())).items()).isEmpty();
  }

  @Test
  void allow_lets_runs_overlap() {
    String gate = unique("allow");
    Job job = gateJob(gate, Concurrency.ALLOW);
    List<JobRun> runs = triggerTimes(job, 3);
    await().atMost(WAIT).until(() -> gates.gate(gate).inside() == 3);
    gates.gate(gate).open();
    await()
        .atMost(WAIT)
        .until(() -> runs.stream().allMatch(r -> status(r.id()) == RunStatus.SUCCEEDED));
  }

  @Test
  void cancelling_a_queued_run_ends_it_at_once() {
    String gate = unique("cq");
    Job job = gateJob(gate, Concurrency.FORBID);
    JobRun first = one.jobs().trigger(system, job.id());
    await().atMost(WAIT).until(() -> gates.gate(gate).entered() == 1);
    JobRun second = one.jobs().trigger(system, job.id());
    JobRun cancelled = two.runs().cancel(system, second.id());
    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.finishedAt()).isNotNull();
    assertThatThrownBy(() -> one.runs().cancel(system, second.id()))
        .isInstanceOf(ConflictException.class);
    gates.gate(gate).open();
    await().atMost(WAIT).until(() -> status(first.id()) == RunStatus.SUCCEEDED);
    assertThat(gates.gate(gate).entered()).isEqualTo(1);
  }

  @Test
  void cancelling_a_running_run_from_another_node_interrupts_it_and_it_is_not_retried() {
    String gate = unique("cr");
    Job job = gateJob(gate, Concurrency.ALLOW);
    JobRun run = one.jobs().trigger(system, job.id());
    await().atMost(WAIT).until(() -> status(run.id()) == RunStatus.RUNNING);
    String owner = one.runs().get(system, run.id()).orElseThrow().nodeId();
    Chronos other = owner.equals(one.nodeId()) ? two : one;
    JobRun requested = other.runs().cancel(system, run.id());
    assertThat(requested.status()).isEqualTo(RunStatus.RUNNING);
    JobRun ended =
        await()
            .atMost(WAIT)
            .until(
                () -> one.runs().get(system, run.id()).orElseThrow(),
                r -> r.status() == RunStatus.CANCELLED);
    assertThat(ended.error()).isEqualTo("cancelled");
    await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);
    assertThat(one.runs().forJob(system, job.id(), PageRequest.first()).items()).hasSize(1);
    assertThat(one.deadLetters().list(system, DlqQuery.all().job(job.id())).items()).isEmpty();
  }

  @Test
  void a_user_cannot_cancel_another_users_run() {
    var alice =
        one.users()
            .create(system, new NewUser(unique("a") + "@example.com", null, null, Role.USER));
    var bob =
        one.users()
            .create(system, new NewUser(unique("b") + "@example.com", null, null, Role.USER));
    String gate = unique("own");
    Job job =
        one.jobs()
            .create(
                Actor.user(alice.id()),
                JobSpec.builder(unique("g"), new GatePayload(gate)).build());
    JobRun run = one.jobs().trigger(Actor.user(alice.id()), job.id());
    assertThatThrownBy(() -> one.runs().cancel(Actor.user(bob.id()), run.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(one.runs().cancel(Actor.user(alice.id()), run.id()).status())
        .isIn(RunStatus.CANCELLED, RunStatus.RUNNING);
    gates.gate(gate).open();
  }
}
