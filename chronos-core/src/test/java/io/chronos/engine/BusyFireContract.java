package io.chronos.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronos.Chronos;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.FirePlanRepository;
import io.chronos.internal.store.Tables;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.security.Actor;
import io.chronos.testing.SettableClock;
import io.chronos.testsupport.DatabaseContract;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two nodes' fire pollers in the same burst: while another transaction holds the first hundred due
 * jobs (as another node's poller does while it fires them), a poller fires the due jobs after them
 * instead of waiting for that transaction to end. PostgreSQL and MariaDB; H2 waits for locked rows
 * by design.
 */
abstract class BusyFireContract extends DatabaseContract {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int HELD = 100;
  private static final int FREE = 10;

  @Test
  void a_poller_fires_the_next_due_jobs_while_another_holds_the_first_batch() throws Exception {
    Actor system = Actor.system();
    SettableClock clock = new SettableClock(Instant.parse("2034-01-01T00:00:05Z"));
    Chronos node = nodes.node(b -> b.clock(clock));
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < HELD + FREE; i++) {
      Job job =
          node.jobs()
              .create(system, JobSpec.dummy(unique("burst")).cron("*/10 * * * * ?", "UTC").build());
      jobs.add(job.id());
    }
    List<String> held = jobs.subList(0, HELD);
    List<String> free = jobs.subList(HELD, HELD + FREE);
    // The held jobs are the most overdue: the first batch any poller reads.
    for (String jobId : held) {
      jdbc.update(
          "UPDATE " + db.schema() + ".job_schedules SET next_fire_at = ? WHERE job_id = ?",
          db.dialect().timestamp(Instant.parse("2034-01-01T00:00:09Z")),
          jobId);
    }
    clock.set(Instant.parse("2034-01-01T00:00:10Z"));
    try (Connection other = db.dataSource().getConnection()) {
      other.setAutoCommit(false);
      // As another node's poller does, with its code: READ COMMITTED, the lock read of the
      // repository, and the transaction kept open. On MariaDB that read names the primary key;
      // without it, it locked all 110 job rows (a scan of a covering secondary index locks every
      // row it reads) and this node found none free.
      other.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      Db holder =
          new Db(
              new SingleConnectionDataSource(other, true),
              null,
              db.dialect(),
              new Tables(db.schema()),
              Clock.systemUTC());
      assertThat(new FirePlanRepository(holder).lock(held, true)).hasSize(HELD);
      node.start();
      await().atMost(WAIT).until(() -> scheduledRuns(free) == FREE);
      assertThat(scheduledRuns(held)).isZero();
      other.rollback();
    }
    // Released, each held job fires its planned :09 and then :10, the cron's next time, which is
    // due on the fixed clock too: two runs each, once the two batches are through (polling for
    // the first batch alone would race the second).
    await().atMost(WAIT).until(() -> scheduledRuns(held) == 2 * HELD);
    node.close();
    jobs.forEach(id -> node.jobs().delete(system, id));
  }

  private int scheduledRuns(List<String> jobIds) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM "
                + db.schema()
                + ".job_runs WHERE trigger_type = 'SCHEDULE' AND job_id IN ("
                + String.join(", ", Collections.nCopies(jobIds.size(), "?"))
                + ")",
            Integer.class,
            jobIds.toArray());
    return count == null ? 0 : count;
  }
}
