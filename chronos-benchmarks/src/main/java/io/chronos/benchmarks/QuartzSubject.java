package io.chronos.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Raw Quartz 2.5: JobStoreTX, clustered, PostgreSQLDelegate, its own schema made from the jar's
 * tables_postgres.sql, a no-op Job; on H2, StdJDBCDelegate and the jar's tables_h2.sql; on MariaDB,
 * StdJDBCDelegate and the jar's tables_mysql_innodb.sql. "quartz" keeps Quartz's defaults (one
 * trigger per acquisition); "quartz-tuned" acquires up to one trigger per worker thread at a time
 * (batchTriggerAcquisitionMaxCount, with acquireTriggersWithinLock as Quartz advises for it).
 *
 * <p>The N jobs and triggers are written with batched SQL, row for row what scheduleJob writes for
 * a non-durable job with a SimpleTrigger firing once now (state WAITING, priority 5, smart misfire
 * policy), so that creating them is not part of the run and takes seconds. The harness names the
 * tables in upper case, as Quartz does (tablePrefix QRTZ_): MariaDB's table names are
 * case-sensitive on Linux, and PostgreSQL and H2 fold unquoted names anyway.
 */
final class QuartzSubject extends Subject {
  private final boolean tuned;
  private final String schedulerName;
  private final List<Scheduler> schedulers = new ArrayList<>();

  QuartzSubject(BenchConfig config, Db db, int round, int nodes, boolean tuned) {
    super(config, db, tuned ? "bench_quartz_tuned" : "bench_quartz", round, nodes);
    this.tuned = tuned;
    this.schedulerName = schema;
  }

  @Override
  String name() {
    return tuned ? "quartz-tuned" : "quartz";
  }

  /** The no-op job. */
  public static final class NoopJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      EXECUTED.incrementAndGet();
    }
  }

  @Override
  void setUp(int n) throws Exception {
    openPool();
    sql(quartzTables(db));
    long due = System.currentTimeMillis();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      batch(
          c,
          "INSERT INTO QRTZ_JOB_DETAILS (sched_name, job_name, job_group, description,"
              + " job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery,"
              + " job_data) VALUES (?, ?, 'bench', NULL, ?, FALSE, FALSE, FALSE, FALSE, NULL)",
          n,
          (ps, i) -> {
            ps.setString(1, schedulerName);
            ps.setString(2, "job-" + i);
            ps.setString(3, NoopJob.class.getName());
          });
      batch(
          c,
          "INSERT INTO QRTZ_TRIGGERS (sched_name, trigger_name, trigger_group, job_name,"
              + " job_group, description, next_fire_time, prev_fire_time, priority, trigger_state,"
              + " trigger_type, start_time, end_time, calendar_name, misfire_instr, job_data)"
              + " VALUES (?, ?, 'bench', ?, 'bench', NULL, ?, -1, 5, 'WAITING', 'SIMPLE', ?, 0,"
              + " NULL, 0, NULL)",
          n,
          (ps, i) -> {
            ps.setString(1, schedulerName);
            ps.setString(2, "trigger-" + i);
            ps.setString(3, "job-" + i);
            ps.setLong(4, due);
            ps.setLong(5, due);
          });
      batch(
          c,
          "INSERT INTO QRTZ_SIMPLE_TRIGGERS (sched_name, trigger_name, trigger_group,"
              + " repeat_count, repeat_interval, times_triggered) VALUES (?, ?, 'bench', 0, 0, 0)",
          n,
          (ps, i) -> {
            ps.setString(1, schedulerName);
            ps.setString(2, "trigger-" + i);
          });
      c.commit();
      c.setAutoCommit(true);
    }
    analyze("QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_FIRED_TRIGGERS");

    for (int node = 0; node < nodes; node++) {
      schedulers.add(scheduler(node, nodeDataSource(node)));
    }
  }

  /**
   * Node {@code node}'s scheduler: the same scheduler name (the cluster), an instance id of its
   * own. Quartz keeps one scheduler per name in a JVM-wide repository and hands that one out again,
   * so an earlier node's entry is taken out of it first; the scheduler itself keeps running.
   */
  private Scheduler scheduler(int node, DataSource dataSource) throws Exception {
    String dataSourceName = schedulerName + "-node" + node;
    DBConnectionManager.getInstance()
        .addConnectionProvider(
            dataSourceName,
            new ConnectionProvider() {
              @Override
              public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
              }

              @Override
              public void shutdown() {}

              @Override
              public void initialize() {}
            });
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", schedulerName);
    p.setProperty("org.quartz.scheduler.instanceId", "node-" + node);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(config.threads()));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate(db));
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    if (tuned) {
      p.setProperty(
          "org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(config.threads()));
      p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    }
    SchedulerRepository.getInstance().remove(schedulerName);
    return new StdSchedulerFactory(p).getScheduler();
  }

  /** The driver delegate Quartz's documentation names for the database. */
  static String delegate(Db db) {
    return db.postgres()
        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
  }

  /** The table script the Quartz jar ships for the database. */
  static String tablesScript(Db db) {
    return switch (db) {
      case POSTGRESQL -> "tables_postgres.sql";
      case H2 -> "tables_h2.sql";
      case MARIADB -> "tables_mysql_innodb.sql";
    };
  }

  /**
   * The CREATE statements of the jar's table script for the database (its comments, DROPs and
   * COMMIT left out; tables_mysql_innodb.sql comments with '#', the others with '--').
   */
  static List<String> quartzTables(Db db) throws IOException {
    String script;
    String file = tablesScript(db);
    try (InputStream in =
        Scheduler.class
            .getClassLoader()
            .getResourceAsStream("org/quartz/impl/jdbcjobstore/" + file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is not in the Quartz jar");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder noComments = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
        noComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String statement : noComments.toString().split(";")) {
      String s = statement.trim();
      String upper = s.toUpperCase(java.util.Locale.ROOT);
      if (!s.isEmpty() && !upper.startsWith("DROP") && !upper.equals("COMMIT")) {
        statements.add(s);
      }
    }
    return statements;
  }

  @Override
  void start() throws Exception {
    for (Scheduler scheduler : schedulers) {
      scheduler.start();
    }
  }

  @Override
  long remaining(Connection monitor) throws SQLException {
    return count(
        monitor,
        "SELECT (SELECT COUNT(*) FROM "
            + schema
            + ".QRTZ_TRIGGERS) + (SELECT COUNT(*) FROM "
            + schema
            + ".QRTZ_FIRED_TRIGGERS)");
  }

  @Override
  void stop() throws Exception {
    for (Scheduler scheduler : schedulers) {
      scheduler.shutdown(true);
    }
  }
}
