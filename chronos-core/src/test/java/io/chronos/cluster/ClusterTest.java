package io.chronos.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.f4b6a3.ulid.UlidCreator;
import com.zaxxer.hikari.HikariDataSource;
import io.chronos.Chronos;
import io.chronos.FieldError;
import io.chronos.PageRequest;
import io.chronos.executor.dummy.DummyExecutor;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.job.JobType;
import io.chronos.payload.DummyPayload;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import io.chronos.security.Actor;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import io.chronos.testsupport.SharedSchema;
import io.chronos.testsupport.TestDatabase;
import io.chronos.testsupport.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two Chronos nodes, each with its own connection pool, on one PostgreSQL schema: every fire runs
 * exactly once, on one of them. In the spirit of db-scheduler's ClusterTests.
 */
@Tag("services")
class ClusterTest {
  private static final int ONE_TIME_JOBS = 10_000;

  /** Created through the public API; the rest are written with batched SQL to keep setup short. */
  private static final int ONE_TIME_JOBS_VIA_API = 200;

  private static final int POOL_SIZE = 12;
  private static final int WORKERS = 8;

  private final Actor system = Actor.system();

  /** The run id of every execution, on either node (both nodes live in this JVM). */
  private final Queue<String> executedRunIds = new ConcurrentLinkedQueue<>();

  private TestDatabase db;
  private HikariDataSource secondPool;
  private TestNodes nodes;
  private JdbcTemplate jdbc;
  private Chronos first;
  private Chronos second;

  @BeforeEach
  void buildTwoNodesOnOneSchema() {
    db = TestDatabase.open(TestDatabase.Kind.POSTGRESQL, POOL_SIZE);
    secondPool = SharedSchema.openPool(db, "second", POOL_SIZE);
    jdbc = new JdbcTemplate(db.dataSource());
    nodes = new TestNodes(db);
    first =
        nodes.node(
            b -> b.workerThreads(WORKERS).executor(new RecordingDummyExecutor(executedRunIds)));
    second =
        nodes.node(
            b ->
                b.dataSource(secondPool)
                    .migrate(false)
                    .workerThreads(WORKERS)
                    .executor(new RecordingDummyExecutor(executedRunIds)));
  }

  @AfterEach
  void closeNodesAndPools() {
    try {
      nodes.close();
    } finally {
      secondPool.close();
      db.close();
    }
  }

  @Test
  void ten_thousand_one_time_jobs_on_two_nodes_each_run_exactly_once() {
    Instant due = Instant.now();
    long createNanos = System.nanoTime();
    for (int i = 0; i < ONE_TIME_JOBS_VIA_API; i++) {
      first
          .jobs()
          .create(
              system,
              JobSpec.dummy("once-api-" + i)
                  .payload(DummyPayload.succeed().withLogLines(0))
                  .once(due)
                  .build());
    }
    double createSeconds = (System.nanoTime() - createNanos) / 1e9;
    System.out.printf(
        "ClusterTest: %d jobs created through the API in %.2f s (%.0f jobs/s)%n",
        ONE_TIME_JOBS_VIA_API, createSeconds, ONE_TIME_JOBS_VIA_API / createSeconds);
    insertOneTimeJobs(ONE_TIME_JOBS - ONE_TIME_JOBS_VIA_API, due);
    analyzeAfterBulkLoad();
    assertThat(count("SELECT COUNT(*) FROM %s.job_runs WHERE status = 'QUEUED'"))
        .isEqualTo(ONE_TIME_JOBS);

    long startNanos = System.nanoTime();
    first.start();
    second.start();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                count("SELECT COUNT(*) FROM %s.job_runs WHERE status IN ('QUEUED', 'RUNNING')")
                    == 0);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(
        "ClusterTest: %d one-time runs on 2 nodes (%d workers each) in %.2f s: %.0f runs/s%n",
        ONE_TIME_JOBS, WORKERS, seconds, ONE_TIME_JOBS / seconds);

    assertThat(count("SELECT COUNT(*) FROM %s.jobs")).isEqualTo(ONE_TIME_JOBS);
    assertThat(
            count(
                "SELECT COUNT(*) FROM %s.jobs j WHERE"
                    + " (SELECT COUNT(*) FROM %<s.job_runs r WHERE r.job_id = j.id) <> 1"))
        .as("jobs without exactly one run")
        .isZero();
    assertThat(runsByStatus())
        .as("runs by status")
        .containsOnly(Map.entry("SUCCEEDED", (long) ONE_TIME_JOBS));
    assertThat(
            count("SELECT COUNT(*) FROM %s.job_runs WHERE attempt <> 1 OR trigger_type <> 'ONCE'"))
        .isZero();
    Map<String, Long> byNode = runsByNode();
    assertThat(byNode).containsOnlyKeys(first.nodeId(), second.nodeId());
    assertThat(byNode.values()).allSatisfy(n -> assertThat(n).isPositive());
    List<String> runIds = jdbc.queryForList(sql("SELECT id FROM %s.job_runs"), String.class);
    assertThat(executedRunIds)
        .as("every run executed once, none twice")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(runIds);
  }

  @Test
  void recurring_job_fires_produce_exactly_one_run_each_on_two_nodes() {
    first.start();
    second.start();
    Job job =
        first
            .jobs()
            .create(
                system,
                JobSpec.dummy("every-second")
                    .payload(DummyPayload.succeed().withLogLines(0))
                    .cron("* * * * * ?", "UTC")
                    .build());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> runsOf(job).stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count() >= 5);
    first.jobs().pause(system, job.id());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runsOf(job).stream().noneMatch(r -> r.status() == RunStatus.RUNNING));

    List<JobRun> runs = runsOf(job);
    assertThat(runs).extracting(JobRun::scheduledAt).doesNotHaveDuplicates();
    assertThat(runs).extracting(JobRun::attempt).containsOnly(1);
    assertThat(runs).extracting(JobRun::triggerType).containsOnly(TriggerType.SCHEDULE);
    assertThat(runs).extracting(JobRun::status).isSubsetOf(RunStatus.SUCCEEDED, RunStatus.HELD);
    List<String> succeeded =
        runs.stream().filter(r -> r.status() == RunStatus.SUCCEEDED).map(JobRun::id).toList();
    assertThat(executedRunIds)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(succeeded);
  }

  private List<JobRun> runsOf(Job job) {
    return first.runs().forJob(system, job.id(), PageRequest.first(1000)).items();
  }

  /**
   * Writes one-time DUMMY jobs the way {@code Jobs.create} does (job, schedule, payload and a
   * QUEUED ONCE run), in batches, without Quartz or audit rows, which one-time jobs do not need.
   */
  private void insertOneTimeJobs(int count, Instant due) {
    OffsetDateTime at = OffsetDateTime.ofInstant(due, ZoneOffset.UTC);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String fireKey = "O" + due.toEpochMilli();
    List<Object[]> jobs = new ArrayList<>();
    List<Object[]> schedules = new ArrayList<>();
    List<Object[]> payloads = new ArrayList<>();
    List<Object[]> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String jobId = ulid();
      jobs.add(new Object[] {jobId, Actor.SYSTEM_USER_ID, "once-sql-" + i, now, now});
      schedules.add(new Object[] {jobId, at});
      payloads.add(new Object[] {jobId});
      runs.add(new Object[] {ulid(), jobId, fireKey, at, at, now});
    }
    new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()))
        .executeWithoutResult(
            tx -> {
              batch(
                  "INSERT INTO %s.jobs (id, owner_id, name, job_type, status, version, created_at,"
                      + " updated_at) VALUES (?, ?, ?, 'DUMMY', 'ACTIVE', 0, ?, ?)",
                  jobs);
              batch(
                  "INSERT INTO %s.job_schedules (job_id, schedule_type, run_at)"
                      + " VALUES (?, 'ONCE', ?)",
                  schedules);
              batch(
                  "INSERT INTO %s.job_payloads (job_id, payload_type, dummy_mode,"
                      + " dummy_fail_times, dummy_log_lines) VALUES (?, 'DUMMY', 'SUCCEED', 0, 0)",
                  payloads);
              batch(
                  "INSERT INTO %s.job_runs (id, job_id, status, attempt, fire_key, trigger_type,"
                      + " scheduled_at, not_before, created_at)"
                      + " VALUES (?, ?, 'QUEUED', 1, ?, 'ONCE', ?, ?, ?)",
                  runs);
            });
  }

  /**
   * Gives the planner statistics for the freshly loaded tables, as autoanalyze would after a bulk
   * load (the local test server runs with autovacuum off). Without them PostgreSQL plans the
   * claim's follow-up SELECT as a full scan of job_payloads joined to jobs (about 100 ms per claim
   * with 10,000 jobs).
   */
  private void analyzeAfterBulkLoad() {
    for (String table : List.of("jobs", "job_schedules", "job_payloads", "job_runs")) {
      jdbc.execute(sql("ANALYZE %s." + table));
    }
  }

  private void batch(String sql, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += 1000) {
      jdbc.batchUpdate(sql(sql), rows.subList(from, Math.min(rows.size(), from + 1000)));
    }
  }

  private Map<String, Long> runsByStatus() {
    return groupCount("SELECT status, COUNT(*) FROM %s.job_runs GROUP BY status");
  }

  private Map<String, Long> runsByNode() {
    return groupCount("SELECT node_id, COUNT(*) FROM %s.job_runs GROUP BY node_id");
  }

  private Map<String, Long> groupCount(String query) {
    return jdbc
        .query(sql(query), (rs, i) -> Map.entry(String.valueOf(rs.getString(1)), rs.getLong(2)))
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private long count(String query) {
    Long n = jdbc.queryForObject(sql(query), Long.class);
    return n == null ? 0 : n;
  }

  private String sql(String template) {
    return String.format(template, db.schema());
  }

  private static String ulid() {
    return UlidCreator.getMonotonicUlid().toString();
  }

  /** The DUMMY executor, recording the id of every run it executes. */
  private static final class RecordingDummyExecutor implements JobExecutor<DummyPayload> {
    private final DummyExecutor delegate = new DummyExecutor();
    private final Queue<String> executedRunIds;

    RecordingDummyExecutor(Queue<String> executedRunIds) {
      this.executedRunIds = executedRunIds;
    }

    @Override
    public JobType type() {
      return delegate.type();
    }

    @Override
    public Class<DummyPayload> payloadType() {
      return delegate.payloadType();
    }

    @Override
    public List<FieldError> validate(DummyPayload payload) {
      return delegate.validate(payload);
    }

    @Override
    public ExecutionResult execute(DummyPayload payload, ExecutionContext context)
        throws Exception {
      executedRunIds.add(context.runId());
      return delegate.execute(payload, context);
    }
  }
}
