package io.chronos.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.chronos.internal.store.SchemaMigrator;
import io.chronos.testsupport.TestDatabase;
import io.chronos.testsupport.TestDatabase.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.annotation.Nullable;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Chronos schema on one database: the migrations apply, the constraints hold, a host
 * application's own {@code users} table and Flyway history are left alone, and the seed's three
 * sample queries return exactly the expected rows. A subclass names the database; every test gets a
 * fresh Chronos schema of its own.
 */
abstract class SchemaContract {

  // The seed's three sample queries. {schema} stands for the Chronos schema of the test.

  /**
   * A user's active jobs with their next fire time in epoch millis: the job's Quartz trigger (named
   * after the job id, group "chronos"), or for a job without one its earliest QUEUED run. H2 and
   * PostgreSQL.
   */
  static final String ACTIVE_JOBS_WITH_NEXT_FIRE =
      """
      SELECT j.id, j.name,
             COALESCE(s.next_fire_at,
                      (SELECT MIN(r.not_before)
                         FROM {schema}.job_runs r
                        WHERE r.job_id = j.id AND r.status = 'QUEUED')) AS next_fire_time
        FROM {schema}.jobs j
        LEFT JOIN {schema}.job_schedules s ON s.job_id = j.id
       WHERE j.owner_id = ? AND j.status = 'ACTIVE'
       ORDER BY j.id
      """;

  /** A job's run history with its logs: newest run first, logs in id order. Every database. */
  static final String RUN_HISTORY_WITH_LOGS =
      """
      SELECT r.id AS run_id, r.status, l.id AS log_id, l.level, l.message
        FROM {schema}.job_runs r
        LEFT JOIN {schema}.job_run_logs l ON l.run_id = r.id
       WHERE r.job_id = ?
       ORDER BY r.id DESC, l.id
      """;

  /**
   * Dead-letter events of the last 24 hours with their job's name, newest first. H2, PostgreSQL.
   */
  static final String RECENT_DLQ_EVENTS =
      "SELECT d.id, j.name, d.reason, d.error, d.attempts, d.created_at"
          + " FROM {schema}.dlq_events d JOIN {schema}.jobs j ON j.id = d.job_id"
          + " WHERE d.created_at >= CURRENT_TIMESTAMP - INTERVAL '24' HOUR"
          + " ORDER BY d.created_at DESC";

  /** The same on MariaDB, as the seed writes it. */
  static final String RECENT_DLQ_EVENTS_MARIADB =
      "SELECT d.id, j.name, d.reason, d.error, d.attempts, d.created_at"
          + " FROM {schema}.dlq_events d JOIN {schema}.jobs j ON j.id = d.job_id"
          + " WHERE d.created_at >= UTC_TIMESTAMP(6) - INTERVAL 24 HOUR"
          + " ORDER BY d.created_at DESC";

  private static final List<String> CHRONOS_TABLES =
      List.of(
          "users",
          "jobs",
          "job_tags",
          "job_schedules",
          "job_payloads",
          "retry_policies",
          "job_runs",
          "job_run_logs",
          "notifications",
          "dlq_events",
          "audit_events");

  private static final List<String> QUARTZ_TABLES =
      List.of(
          "QRTZ_JOB_DETAILS",
          "QRTZ_TRIGGERS",
          "QRTZ_SIMPLE_TRIGGERS",
          "QRTZ_CRON_TRIGGERS",
          "QRTZ_SIMPROP_TRIGGERS",
          "QRTZ_BLOB_TRIGGERS",
          "QRTZ_CALENDARS",
          "QRTZ_PAUSED_TRIGGER_GRPS",
          "QRTZ_FIRED_TRIGGERS",
          "QRTZ_SCHEDULER_STATE",
          "QRTZ_LOCKS");

  private static final String SYSTEM_USER = "00000000000000000000000000";
  private static final String ALICE = key("ALICE");
  private static final String BOB = key("BOB");

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private TestDatabase db;
  private JdbcTemplate jdbc;

  /** The database this subclass runs the contract on. */
  abstract Kind kind();

  @BeforeEach
  void openDatabase() {
    db = TestDatabase.open(kind(), 4);
    jdbc = new JdbcTemplate(db.dataSource());
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Migration

  @Test
  void applies_both_migrations_on_a_fresh_schema_and_none_on_a_second_run() {
    assertThat(migrate()).isEqualTo(db.migrationCount());
    assertThat(migrate()).isZero();
  }

  @Test
  void creates_every_chronos_and_quartz_table_in_the_chronos_schema() {
    migrate();

    assertThat(tablesIn(db.schema()))
        .containsAll(stored(CHRONOS_TABLES))
        .containsAll(stored(QUARTZ_TABLES))
        .anySatisfy(table -> assertThat(table).isEqualToIgnoringCase("chronos_schema_history"));
  }

  @Test
  void seeds_the_system_user_that_cannot_sign_in() {
    migrate();

    List<SeededUser> users =
        jdbc.query(
            "SELECT id, email, password_hash, role, enabled FROM " + table("users"),
            (rs, n) ->
                new SeededUser(
                    rs.getString("id"),
                    rs.getString("email"),
                    rs.getString("password_hash"),
                    rs.getString("role"),
                    rs.getBoolean("enabled")));

    assertThat(users)
        .containsExactly(new SeededUser(SYSTEM_USER, "system@chronos.local", null, "ADMIN", false));
  }

  // ---------------------------------------------------------------------------------------------
  // Constraints

  @Test
  void rejects_unknown_job_status() {
    migrate();
    insertUser(ALICE, "alice@example.test", "USER");

    assertRejectedBy("ck_jobs_status", () -> insertJob(key("JOB1"), ALICE, "report", "BOGUS"));
  }

  @Test
  void rejects_job_status_in_the_wrong_case() {
    migrate();
    insertUser(ALICE, "alice@example.test", "USER");

    assertRejectedBy("ck_jobs_status", () -> insertJob(key("JOB1"), ALICE, "report", "active"));
  }

  @Test
  void rejects_unknown_run_status() {
    migrate();
    insertUser(ALICE, "alice@example.test", "USER");
    insertJob(key("JOB1"), ALICE, "report", "ACTIVE");

    assertRejectedBy(
        "ck_job_runs_status", () -> insertRun(key("RUN1"), key("JOB1"), "BOGUS", "f1", 1, now));
  }

  @Test
  void rejects_unknown_user_role() {
    migrate();

    assertRejectedBy("ck_users_role", () -> insertUser(ALICE, "alice@example.test", "ROOT"));
  }

  @Test
  void rejects_unknown_log_level() {
    migrate();
    insertUser(ALICE, "alice@example.test", "USER");
    insertJob(key("JOB1"), ALICE, "report", "ACTIVE");
    insertRun(key("RUN1"), key("JOB1"), "SUCCEEDED", "f1", 1, now);

    assertRejectedBy(
        "ck_job_run_logs_level", () -> insertLog(key("LOG1"), key("RUN1"), "LOUD", "hello"));
  }

  @Test
  void requires_a_custom_type_on_custom_jobs_and_only_there() {
    migrate();
    insertUser(ALICE, "alice@example.test", "USER");
    insertJob(key("JOB1"), ALICE, "plugin-job", "CUSTOM", "acme.sync", "ACTIVE");
    insertJob(key("JOB2"), ALICE, "plain-job", "HTTP", null, "ACTIVE");

    assertRejectedBy(
        "ck_jobs_custom_type",
        () -> insertJob(key("JOB3"), ALICE, "custom-without-type", "CUSTOM", null, "ACTIVE"));
    assertRejectedBy(
        "ck_jobs_custom_type",
        () -> insertJob(key("JOB4"), ALICE, "http-with-type", "HTTP", "acme.sync", "ACTIVE"));
  }

  @Test
  void rejects_a_second_run_for_the_same_fire_and_attempt() {
    migrate();
    insertUser(ALICE, "alice@example.test", "USER");
    insertJob(key("JOB1"), ALICE, "report", "ACTIVE");
    insertRun(key("RUN1"), key("JOB1"), "QUEUED", "fire-1", 1, now);
    insertRun(key("RUN2"), key("JOB1"), "QUEUED", "fire-1", 2, now);

    assertRejectedBy(
        "uq_job_runs_fire", () -> insertRun(key("RUN3"), key("JOB1"), "QUEUED", "fire-1", 1, now));
  }

  @Test
  void rejects_job_with_unknown_owner() {
    migrate();

    assertRejectedBy("fk_jobs_owner", () -> insertJob(key("JOB1"), key("NOBODY"), "x", "ACTIVE"));
  }

  // ---------------------------------------------------------------------------------------------
  // Host coexistence

  @Test
  void leaves_the_host_users_table_and_flyway_history_alone() {
    String host = "host_" + db.schema();
    Flyway hostFlyway =
        Flyway.configure(getClass().getClassLoader())
            .dataSource(db.dataSource())
            .schemas(stored(host))
            .defaultSchema(stored(host))
            .createSchemas(true)
            .locations("classpath:db/hostapp")
            .load();
    try {
      assertThat(hostFlyway.migrate().migrationsExecuted).isEqualTo(1);
      int hostHistoryRows = countRows(host, "flyway_schema_history");

      assertThat(migrate()).isEqualTo(db.migrationCount());

      assertThat(
              jdbc.query(
                  "SELECT id, login, full_name FROM " + host + ".users",
                  (rs, n) ->
                      new HostUser(
                          rs.getInt("id"), rs.getString("login"), rs.getString("full_name"))))
          .containsExactly(new HostUser(1, "alice", "Alice Host"));
      assertThat(columnsOf(host, "users")).containsExactly("id", "login", "full_name");
      assertThat(countRows(host, "flyway_schema_history")).isEqualTo(hostHistoryRows);
      assertThat(tablesIn(host))
          .map(String::toLowerCase)
          .containsExactlyInAnyOrder("users", "flyway_schema_history");

      assertThat(tablesIn(db.schema()))
          .map(String::toLowerCase)
          .contains("users", "jobs", "job_runs", "qrtz_triggers", "chronos_schema_history")
          .doesNotContain("flyway_schema_history");
      assertThat(jdbc.queryForList("SELECT email FROM " + table("users"), String.class))
          .containsExactly("system@chronos.local");
      assertThat(hostFlyway.validateWithResult().validationSuccessful).isTrue();
      assertThat(hostFlyway.migrate().migrationsExecuted).isZero();
    } finally {
      db.execute(
          db.kind() == Kind.MARIADB
              ? "DROP DATABASE IF EXISTS " + host
              : "DROP SCHEMA IF EXISTS " + host + " CASCADE");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The seed's sample queries

  @Test
  void lists_a_users_active_jobs_with_the_next_fire_time() {
    migrate();
    insertUser(ALICE, "alice@example.test", "USER");
    insertUser(BOB, "bob@example.test", "USER");
    String scheduled = key("JOB1");
    String queuedOnly = key("JOB2");
    String paused = key("JOB3");
    String idle = key("JOB4");
    String bobsJob = key("JOB5");
    insertJob(scheduled, ALICE, "nightly-report", "ACTIVE");
    insertJob(queuedOnly, ALICE, "one-off-export", "ACTIVE");
    insertJob(paused, ALICE, "paused-cleanup", "PAUSED");
    insertJob(idle, ALICE, "manual-only", "ACTIVE");
    insertJob(bobsJob, BOB, "bobs-sync", "ACTIVE");
    Instant nextFire = now.plus(Duration.ofHours(2));
    insertCronPlan(scheduled, nextFire);
    insertCronPlan(paused, nextFire);
    insertCronPlan(bobsJob, nextFire);
    Instant firstQueued = now.plus(Duration.ofMinutes(5));
    insertRun(key("RUN1"), queuedOnly, "SUCCEEDED", "f1", 1, now.minus(Duration.ofHours(1)));
    insertRun(key("RUN2"), queuedOnly, "QUEUED", "f2", 1, firstQueued.plus(Duration.ofHours(1)));
    insertRun(key("RUN3"), queuedOnly, "QUEUED", "f3", 1, firstQueued);

    List<NextFire> rows =
        jdbc.query(
            sql(ACTIVE_JOBS_WITH_NEXT_FIRE, ACTIVE_JOBS_WITH_NEXT_FIRE),
            (rs, n) ->
                new NextFire(
                    rs.getString("id"),
                    rs.getString("name"),
                    nullableInstant(rs, "next_fire_time")),
            ALICE);

    assertThat(rows)
        .containsExactly(
            new NextFire(scheduled, "nightly-report", nextFire),
            new NextFire(queuedOnly, "one-off-export", firstQueued),
            new NextFire(idle, "manual-only", null));
  }

  @Test
  void lists_a_jobs_runs_newest_first_with_their_logs_in_order() {
    migrate();
    insertUser(ALICE, "alice@example.test", "USER");
    String job = key("JOB1");
    String otherJob = key("JOB2");
    insertJob(job, ALICE, "nightly-report", "ACTIVE");
    insertJob(otherJob, ALICE, "other", "ACTIVE");
    insertRun(key("RUN1"), job, "FAILED", "f1", 1, now.minus(Duration.ofHours(3)));
    insertRun(key("RUN2"), job, "SKIPPED", "f2", 1, now.minus(Duration.ofHours(2)));
    insertRun(key("RUN3"), job, "SUCCEEDED", "f3", 1, now.minus(Duration.ofHours(1)));
    insertRun(key("RUN9"), otherJob, "SUCCEEDED", "f1", 1, now);
    insertLog(key("LOG2"), key("RUN1"), "ERROR", "connection refused");
    insertLog(key("LOG1"), key("RUN1"), "INFO", "starting");
    insertLog(key("LOG3"), key("RUN3"), "INFO", "done");
    insertLog(key("LOG9"), key("RUN9"), "INFO", "other job");

    List<HistoryRow> rows =
        jdbc.query(
            sql(RUN_HISTORY_WITH_LOGS, RUN_HISTORY_WITH_LOGS),
            (rs, n) ->
                new HistoryRow(
                    rs.getString("run_id"),
                    rs.getString("status"),
                    rs.getString("log_id"),
                    rs.getString("level"),
                    rs.getString("message")),
            job);

    assertThat(rows)
        .containsExactly(
            new HistoryRow(key("RUN3"), "SUCCEEDED", key("LOG3"), "INFO", "done"),
            new HistoryRow(key("RUN2"), "SKIPPED", null, null, null),
            new HistoryRow(key("RUN1"), "FAILED", key("LOG1"), "INFO", "starting"),
            new HistoryRow(key("RUN1"), "FAILED", key("LOG2"), "ERROR", "connection refused"));
  }

  @Test
  void lists_dead_letters_of_the_last_24_hours_with_job_names() {
    migrate();
    insertUser(ALICE, "alice@example.test", "USER");
    String report = key("JOB1");
    String sync = key("JOB2");
    insertJob(report, ALICE, "nightly-report", "ACTIVE");
    insertJob(sync, ALICE, "order-sync", "ACTIVE");
    insertRun(key("RUN1"), report, "FAILED", "f1", 3, now);
    insertRun(key("RUN2"), sync, "TIMED_OUT", "f1", 1, now);
    Instant tenMinutesAgo = now.minus(Duration.ofMinutes(10));
    Instant oneHourAgo = now.minus(Duration.ofHours(1));
    Instant twentyThreeHoursAgo = now.minus(Duration.ofHours(23));
    insertDeadLetter(
        key("DLQ1"), report, key("RUN1"), "RETRIES_EXHAUSTED", "HTTP 503", 3, oneHourAgo);
    insertDeadLetter(key("DLQ2"), sync, key("RUN2"), "TIMED_OUT", null, 1, twentyThreeHoursAgo);
    insertDeadLetter(
        key("DLQ3"), report, key("RUN1"), "LOST", "node gone", 1, now.minus(Duration.ofHours(25)));
    insertDeadLetter(key("DLQ4"), sync, key("RUN2"), "NON_RETRYABLE", "HTTP 400", 1, tenMinutesAgo);

    List<DeadLetterRow> rows =
        jdbc.query(
            sql(RECENT_DLQ_EVENTS, RECENT_DLQ_EVENTS_MARIADB),
            (rs, n) ->
                new DeadLetterRow(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getString("reason"),
                    rs.getString("error"),
                    rs.getInt("attempts"),
                    db.dialect().instant(rs, "created_at")));

    assertThat(rows)
        .containsExactly(
            new DeadLetterRow(
                key("DLQ4"), "order-sync", "NON_RETRYABLE", "HTTP 400", 1, tenMinutesAgo),
            new DeadLetterRow(
                key("DLQ1"), "nightly-report", "RETRIES_EXHAUSTED", "HTTP 503", 3, oneHourAgo),
            new DeadLetterRow(
                key("DLQ2"), "order-sync", "TIMED_OUT", null, 1, twentyThreeHoursAgo));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  record NextFire(String jobId, String name, @Nullable Instant nextFire) {}

  record HistoryRow(
      String runId,
      String status,
      @Nullable String logId,
      @Nullable String level,
      @Nullable String message) {}

  record DeadLetterRow(
      String id,
      String jobName,
      String reason,
      @Nullable String error,
      int attempts,
      Instant createdAt) {}

  record SeededUser(
      String id, String email, @Nullable String passwordHash, String role, boolean enabled) {}

  record HostUser(int id, String login, String fullName) {}

  /** A fixed 26-character key ending in {@code suffix}; keys sort like their suffixes. */
  private static String key(String suffix) {
    return "0".repeat(26 - suffix.length()) + suffix;
  }

  private int migrate() {
    return SchemaMigrator.migrate(db.dataSource(), db.dialect(), db.schema());
  }

  private String table(String name) {
    return db.schema() + "." + name;
  }

  /** The query for this database, qualified with the Chronos schema. */
  private String sql(String standard, String mariaDb) {
    return (db.kind() == Kind.MARIADB ? mariaDb : standard).replace("{schema}", db.schema());
  }

  private Object ts(Instant instant) {
    return db.dialect().timestamp(instant);
  }

  private String stored(String identifier) {
    return db.dialect().storedIdentifier(identifier);
  }

  private List<String> stored(List<String> identifiers) {
    return identifiers.stream().map(this::stored).toList();
  }

  /** The base tables of a schema, named as the database stores them. */
  private List<String> tablesIn(String schema) {
    return jdbc.queryForList(
        "SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = ? AND table_type = 'BASE TABLE'",
        String.class,
        stored(schema));
  }

  /** The columns of a table in order, in lower case. */
  private List<String> columnsOf(String schema, String tableName) {
    return jdbc
        .queryForList(
            "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            String.class,
            stored(schema),
            stored(tableName))
        .stream()
        .map(String::toLowerCase)
        .toList();
  }

  /** Counts a table's rows, quoting its name as Flyway created it. */
  private int countRows(String schema, String flywayTable) {
    String sql = "SELECT COUNT(*) FROM " + quoted(stored(schema)) + "." + quoted(flywayTable);
    Integer count = jdbc.queryForObject(sql, Integer.class);
    return count == null ? 0 : count;
  }

  private String quoted(String identifier) {
    return db.kind() == Kind.MARIADB ? "`" + identifier + "`" : "\"" + identifier + "\"";
  }

  @Nullable
  private static void assertRejectedBy(String constraint, ThrowingCallable statement) {
    assertThatExceptionOfType(DataIntegrityViolationException.class)
        .isThrownBy(statement)
        .extracting(e -> e.getMostSpecificCause().getMessage(), STRING)
        .containsIgnoringCase(constraint);
  }

  private void insertUser(String id, String email, String role) {
    jdbc.update(
        "INSERT INTO "
            + table("users")
            + " (id, email, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        id,
        email,
        role,
        ts(now),
        ts(now));
  }

  private void insertJob(String id, String ownerId, String name, String status) {
    insertJob(id, ownerId, name, "DUMMY", null, status);
  }

  private void insertJob(
      String id,
      String ownerId,
      String name,
      String jobType,
      @Nullable String customType,
      String status) {
    jdbc.update(
        "INSERT INTO "
            + table("jobs")
            + " (id, owner_id, name, job_type, custom_type, status, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        ownerId,
        name,
        jobType,
        customType,
        status,
        ts(now),
        ts(now));
  }

  private void insertRun(
      String id, String jobId, String status, String fireKey, int attempt, Instant notBefore) {
    jdbc.update(
        "INSERT INTO "
            + table("job_runs")
            + " (id, job_id, status, attempt, fire_key, trigger_type, scheduled_at, not_before,"
            + " created_at) VALUES (?, ?, ?, ?, ?, 'SCHEDULE', ?, ?, ?)",
        id,
        jobId,
        status,
        attempt,
        fireKey,
        ts(notBefore),
        ts(notBefore),
        ts(now));
  }

  private void insertLog(String id, String runId, String level, String message) {
    jdbc.update(
        "INSERT INTO "
            + table("job_run_logs")
            + " (id, run_id, level, message, logged_at) VALUES (?, ?, ?, ?, ?)",
        id,
        runId,
        level,
        message,
        ts(now));
  }

  private void insertDeadLetter(
      String id,
      String jobId,
      String runId,
      String reason,
      @Nullable String error,
      int attempts,
      Instant createdAt) {
    jdbc.update(
        "INSERT INTO "
            + table("dlq_events")
            + " (id, job_id, run_id, reason, error, attempts, status, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)",
        id,
        jobId,
        runId,
        reason,
        error,
        attempts,
        ts(createdAt));
  }

  /** A cron schedule with its planned next fire time, as the fire planner keeps it. */
  private void insertCronPlan(String jobId, Instant nextFire) {
    jdbc.update(
        "INSERT INTO "
            + table("job_schedules")
            + " (job_id, schedule_type, cron_expression, time_zone, next_fire_at)"
            + " VALUES (?, 'CRON', '0 0 3 * * ?', 'UTC', ?)",
        jobId,
        ts(nextFire));
  }

  /** A timestamp column as an instant (MariaDB's DATETIME(6) holds UTC wall time). */
  private Instant nullableInstant(ResultSet rs, String column) throws SQLException {
    if (db.kind() == Kind.MARIADB) {
      java.time.LocalDateTime wall = rs.getObject(column, java.time.LocalDateTime.class);
      return wall == null ? null : wall.toInstant(java.time.ZoneOffset.UTC);
    }
    java.time.OffsetDateTime at = rs.getObject(column, java.time.OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
