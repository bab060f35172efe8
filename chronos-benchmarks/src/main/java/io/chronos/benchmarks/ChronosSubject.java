package io.chronos.benchmarks;

import com.github.f4b6a3.ulid.UlidCreator;
import io.chronos.Chronos;
import io.chronos.FieldError;
import io.chronos.executor.dummy.DummyExecutor;
import io.chronos.internal.dialect.Dialect;
import io.chronos.job.JobType;
import io.chronos.payload.DummyPayload;
import io.chronos.security.Actor;
import io.chronos.spi.ExecutionContext;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.JobExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Chronos: one node, or several sharing the schema, each with the configured worker threads and
 * default settings otherwise. The N one-time DUMMY jobs (SUCCEED, 0 log lines) are written with
 * batched SQL the way Jobs.create writes them (job, ONCE schedule, payload, QUEUED ONCE run; no
 * Quartz or audit rows, which one-time jobs do not have), as ClusterTest does. Timestamps are bound
 * as Chronos's own dialect binds them: on MariaDB its DATETIME(6) columns hold UTC wall time,
 * whatever this JVM's zone.
 */
final class ChronosSubject extends Subject {
  private final List<Chronos> instances = new ArrayList<>();

  ChronosSubject(BenchConfig config, Db db, int round, int nodes) {
    super(config, db, "bench_chronos", round, nodes);
  }

  @Override
  String name() {
    return "chronos";
  }

  @Override
  void setUp(int n) throws Exception {
    openPool();
    for (int node = 0; node < nodes; node++) {
      instances.add(
          BenchConfig.claimAhead(
                  Chronos.builder()
                      .dataSource(nodeDataSource(node))
                      .schema(schema)
                      .nodeId("bench-" + schema + "-" + node)
                      .workerThreads(config.threads())
                      .executor(new CountingDummyExecutor()))
              .build());
    }
    Dialect dialect = Dialect.detect(pool);
    Instant dueAt = Instant.now();
    Object due = dialect.timestamp(dueAt);
    Object now = dialect.timestamp(Instant.now());
    String fireKey = "O" + dueAt.toEpochMilli();
    List<String> jobIds = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      jobIds.add(UlidCreator.getMonotonicUlid().toString());
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      batch(
          c,
          "INSERT INTO jobs (id, owner_id, name, job_type, status, concurrency, version,"
              + " created_at, updated_at) VALUES (?, ?, ?, 'DUMMY', 'ACTIVE', 'ALLOW', 0, ?, ?)",
          n,
          (ps, i) -> {
            ps.setString(1, jobIds.get(i));
            ps.setString(2, Actor.SYSTEM_USER_ID);
            ps.setString(3, "bench-" + i);
            ps.setObject(4, now);
            ps.setObject(5, now);
          });
      batch(
          c,
          "INSERT INTO job_schedules (job_id, schedule_type, run_at) VALUES (?, 'ONCE', ?)",
          n,
          (ps, i) -> {
            ps.setString(1, jobIds.get(i));
            ps.setObject(2, due);
          });
      batch(
          c,
          "INSERT INTO job_payloads (job_id, payload_type, dummy_mode, dummy_fail_times,"
              + " dummy_log_lines) VALUES (?, 'DUMMY', 'SUCCEED', 0, 0)",
          n,
          (ps, i) -> ps.setString(1, jobIds.get(i)));
      batch(
          c,
          "INSERT INTO job_runs (id, job_id, status, attempt, fire_key, trigger_type,"
              + " scheduled_at, not_before, concurrency, created_at)"
              + " VALUES (?, ?, 'QUEUED', 1, ?, 'ONCE', ?, ?, 'ALLOW', ?)",
          n,
          (ps, i) -> {
            ps.setString(1, UlidCreator.getMonotonicUlid().toString());
            ps.setString(2, jobIds.get(i));
            ps.setString(3, fireKey);
            ps.setObject(4, due);
            ps.setObject(5, due);
            ps.setObject(6, now);
          });
      c.commit();
      c.setAutoCommit(true);
    }
    analyze("users", "jobs", "job_schedules", "job_payloads", "job_runs");
  }

  @Override
  void start() {
    instances.forEach(Chronos::start);
  }

  @Override
  long remaining(Connection monitor) throws SQLException {
    return count(
        monitor,
        "SELECT COUNT(*) FROM " + schema + ".job_runs WHERE status IN ('QUEUED', 'RUNNING')");
  }

  @Override
  long succeeded(Connection monitor, int n) throws SQLException {
    return count(
        monitor, "SELECT COUNT(*) FROM " + schema + ".job_runs WHERE status = 'SUCCEEDED'");
  }

  @Override
  void stop() {
    instances.forEach(Chronos::close);
  }

  /** The DUMMY executor, counting its executions. */
  private static final class CountingDummyExecutor implements JobExecutor<DummyPayload> {
    private final DummyExecutor delegate = new DummyExecutor();

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
      ExecutionResult result = delegate.execute(payload, context);
      EXECUTED.incrementAndGet();
      return result;
    }
  }
}
