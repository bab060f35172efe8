package io.chronos.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * db-scheduler one-time tasks, with its default polling (fetch, then lock on execute) or with
 * lock-and-fetch ({@code SELECT ... FOR UPDATE SKIP LOCKED}). Its jar ships no DDL: the table is
 * db-scheduler's documented PostgreSQL or MySQL/MariaDB schema, or its H2 equivalent (on H2
 * db-scheduler uses its generic JDBC support). Instances are created with its own scheduleBatch
 * (JDBC batches) before the scheduler starts.
 */
final class DbSchedulerSubject extends Subject {
  /** db-scheduler's documented PostgreSQL table. */
  static final List<String> POSTGRESQL_TABLE =
      scheduledTasks(
          "TEXT", "TEXT", "BYTEA", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE");

  /**
   * The same table for H2, written by the harness: H2 maps TEXT to a CLOB, which cannot be in a
   * primary key, so the names are VARCHARs; the data is a BLOB. Same columns, key and indexes.
   */
  static final List<String> H2_TABLE =
      scheduledTasks(
          "VARCHAR(250)",
          "VARCHAR(50)",
          "BLOB",
          "TIMESTAMP WITH TIME ZONE",
          "TIMESTAMP WITH TIME ZONE");

  /**
   * db-scheduler's documented MySQL table, which its MariaDB schema copies: VARCHAR(100) names, a
   * BLOB, TIMESTAMP(6) times, the nullable ones declared NULL (on a server with
   * explicit_defaults_for_timestamp off they would otherwise get a default); the server's default
   * engine and character set.
   */
  static final List<String> MARIADB_TABLE =
      scheduledTasks("VARCHAR(100)", "VARCHAR(50)", "BLOB", "TIMESTAMP(6)", "TIMESTAMP(6) NULL");

  /** The table for the database. */
  static List<String> table(Db db) {
    return switch (db) {
      case POSTGRESQL -> POSTGRESQL_TABLE;
      case H2 -> H2_TABLE;
      case MARIADB -> MARIADB_TABLE;
    };
  }

  /**
   * Table {@code scheduled_tasks} and its indexes, the same columns, key and indexes on every
   * database, in the database's types.
   */
  private static List<String> scheduledTasks(
      String name, String pickedBy, String data, String time, String nullableTime) {
    return List.of(
        "CREATE TABLE scheduled_tasks ("
            + (" task_name " + name + " NOT NULL,")
            + (" task_instance " + name + " NOT NULL,")
            + (" task_data " + data + ",")
            + (" execution_time " + time + " NOT NULL,")
            + " picked BOOLEAN NOT NULL,"
            + (" picked_by " + pickedBy + ",")
            + (" last_success " + nullableTime + ",")
            + (" last_failure " + nullableTime + ",")
            + " consecutive_failures INT,"
            + (" last_heartbeat " + nullableTime + ",")
            + " version BIGINT NOT NULL,"
            + " priority SMALLINT,"
            + " PRIMARY KEY (task_name, task_instance))",
        "CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)",
        "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
        "CREATE INDEX priority_execution_time_idx"
            + " ON scheduled_tasks (priority DESC, execution_time ASC)");
  }

  private final boolean lockAndFetch;
  private final List<Scheduler> schedulers = new ArrayList<>();

  DbSchedulerSubject(BenchConfig config, Db db, int round, int nodes, boolean lockAndFetch) {
    super(config, db, lockAndFetch ? "bench_dbs_lf" : "bench_dbs", round, nodes);
    this.lockAndFetch = lockAndFetch;
  }

  @Override
  String name() {
    return lockAndFetch ? "db-scheduler-lock-and-fetch" : "db-scheduler";
  }

  @Override
  void setUp(int n) throws Exception {
    openPool();
    sql(table(db));
    OneTimeTask<Void> task =
        Tasks.oneTime("bench-noop").execute((instance, context) -> EXECUTED.incrementAndGet());
    for (int node = 0; node < nodes; node++) {
      SchedulerBuilder builder =
          Scheduler.create(nodeDataSource(node), task)
              .threads(config.threads())
              // Its default name is the host's: the nodes of one JVM need names of their own.
              .schedulerName(new SchedulerName.Fixed("bench-node-" + node));
      if (lockAndFetch) {
        // The values db-scheduler's README gives for lock-and-fetch.
        builder.pollUsingLockAndFetch(0.5, 1.0);
      }
      if (db == Db.MARIADB) {
        // What db-scheduler asks for with its MariaDB customization (it warns at every start
        // without it): TIMESTAMP(6) has no zone, so it binds and reads times in UTC.
        builder.alwaysPersistTimestampInUTC();
      }
      schedulers.add(builder.build());
    }
    Scheduler scheduler = schedulers.get(0);
    Instant due = Instant.now();
    List<TaskInstance<?>> instances = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      instances.add(task.instance("i" + i));
      if (instances.size() == 1000 || i == n - 1) {
        scheduler.scheduleBatch(instances, due);
        instances.clear();
      }
    }
    analyze("scheduled_tasks");
  }

  @Override
  void start() {
    schedulers.forEach(Scheduler::start);
  }

  @Override
  long remaining(Connection monitor) throws SQLException {
    return count(monitor, "SELECT COUNT(*) FROM " + schema + ".scheduled_tasks");
  }

  @Override
  void stop() {
    schedulers.forEach(Scheduler::stop);
  }
}
