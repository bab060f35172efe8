package io.chronos.internal.store;

import io.chronos.PageRequest;
import io.chronos.internal.dialect.Dialect;
import io.chronos.internal.engine.Ids;
import io.chronos.job.Concurrency;
import io.chronos.job.JobType;
import io.chronos.notify.NotificationRules;
import io.chronos.payload.JobPayload;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import io.chronos.security.Role;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.springframework.dao.DuplicateKeyException;

/**
 * {@code job_runs}: the queue and the history. Claims take due rows with a row lock that other
 * nodes skip; every write after the claim is fenced by node, lease token and an unexpired lease on
 * the database clock, so a node that lost its lease can change nothing.
 */
public final class RunRepository {
  private final Db db;
  private final Tables t;
  private final PayloadColumns payloads;

  /** The SET clause that returns a claimed run to the queue as if never claimed. */
  private static final String BACK_TO_QUEUE =
      "status = 'QUEUED', node_id = NULL, lease_token = NULL, lease_expires_at = NULL,"
          + " started_at = NULL";

  public RunRepository(Db db, PayloadColumns payloads) {
    this.db = db;
    this.t = db.tables();
    this.payloads = payloads;
  }

  /** A run to queue. */
  public record NewRun(
      String id,
      String jobId,
      int attempt,
      String fireKey,
      TriggerType triggerType,
      Instant scheduledAt,
      Instant notBefore,
      RunStatus status,
      @Nullable String retryOf,
      @Nullable Long backoffMs) {}

  /** A run this node claimed, with what it needs to execute it. */
  public record ClaimedRun(
      String id,
      String jobId,
      String jobName,
      String ownerId,
      Role ownerRole,
      int attempt,
      String fireKey,
      TriggerType triggerType,
      Instant scheduledAt,
      Instant notBefore,
      String leaseToken,
      Concurrency concurrency,
      @Nullable NotificationRules notificationRules,
      @Nullable Duration timeout,
      JobPayload payload) {

    public String idempotencyKey() {
      return jobId + ":" + fireKey;
    }
  }

  /** A run whose lease expired, now marked LOST. */
  public record LostRun(
      String id,
      String jobId,
      int attempt,
      String fireKey,
      TriggerType triggerType,
      Instant scheduledAt,
      @Nullable String nodeId,
      boolean cancelRequested) {}

  /** The columns an enqueue writes; {@link #newRunValues} gives all but the job's concurrency. */
  private static final String NEW_RUN_COLUMNS =
      "id, status, attempt, fire_key, trigger_type, scheduled_at, not_before, retry_of, backoff_ms,"
          + " created_at, job_id, concurrency";

  /**
   * Queues a run, copying the job's concurrency rule onto it. Returns false when a run with the
   * same job, fire key and attempt exists, or the job no longer exists.
   */
  public boolean enqueue(NewRun run) {
    return enqueueAll(List.of(run))[0];
  }

  /**
   * Queues several runs as {@link #enqueue} queues one, in one statement (MariaDB: two when only
   * some of the runs existed before) whatever their number; element i of the result says whether
   * run i was queued.
   */
  public boolean[] enqueueAll(List<NewRun> runs) {
    if (runs.isEmpty()) {
      return new boolean[0];
    }
    try {
      return db.dialect() == Dialect.MARIADB ? enqueueInOneStatement(runs) : enqueueInBatch(runs);
    } catch (DuplicateKeyException duplicate) {
      // H2: a transaction inserted the run and had not committed when NOT EXISTS looked. Alone,
      // the run was queued before; in a batch the failed row is not known: callers retry singly.
      if (runs.size() == 1) {
        return new boolean[] {false};
      }
      throw duplicate;
    }
  }

  /**
   * H2 and PostgreSQL: one JDBC batch of INSERT ... SELECT from the job, counting 1 or 0 a row.
   * PostgreSQL's ON CONFLICT turns a run queued before (also one another transaction is inserting
   * at that moment) into a 0. H2 has no ignore clause outside its compatibility modes: there a NOT
   * EXISTS on the fire key makes a run queued before count 0 instead of failing the batch.
   */
  private boolean[] enqueueInBatch(List<NewRun> runs) {
    String ignore = db.dialect().ignoreDuplicateRun();
    boolean guard = ignore.isEmpty();
    Object createdAt = db.ts(db.now());
    List<Object[]> rows = new ArrayList<>(runs.size());
    for (NewRun run : runs) {
      List<Object> row = newRunValues(run, createdAt);
      if (guard) {
        row.add(run.fireKey());
        row.add(run.attempt());
      }
      rows.add(row.toArray());
    }
    int[] counts =
        db.jdbc()
            .batchUpdate(
                "INSERT INTO "
                    + t.jobRuns
                    + " ("
                    + NEW_RUN_COLUMNS
                    + ") SELECT ?, ?, ?, ?, ?, ?, ?, CAST(? AS CHAR(26)), "
                    + db.dialect().bigintParam()
                    + ", ?, j.id, j.concurrency FROM "
                    + t.jobs
                    + " j WHERE j.id = ?"
                    + (guard
                        ? " AND NOT EXISTS (SELECT 1 FROM "
                            + t.jobRuns
                            + " d WHERE d.job_id = j.id AND d.fire_key = ? AND d.attempt = ?)"
                        : ignore),
                rows);
    return eachOne(counts);
  }

  /**
   * MariaDB: Connector/J sends a batch of INSERTs as one COM_STMT_BULK_EXECUTE, which the server
   * refuses for INSERT ... SELECT (and which counts no row singly before MariaDB 11.5). So one
   * INSERT IGNORE of all the runs, joined to their jobs; IGNORE skips a run queued before, also one
   * another transaction commits meanwhile (it would also let a value too long for its column
   * through, cut: every value here is Chronos's own and fits). Which rows went in is read back only
   * when the count does not say it (some, but not all).
   */
  private boolean[] enqueueInOneStatement(List<NewRun> runs) {
    Object createdAt = db.ts(db.now());
    List<Object> args = new ArrayList<>();
    for (NewRun run : runs) {
      args.addAll(newRunValues(run, createdAt));
    }
    String firstRow =
        "SELECT ? AS id, ? AS status, ? AS attempt, ? AS fire_key, ? AS trigger_type,"
            + " ? AS scheduled_at, ? AS not_before, ? AS retry_of, ? AS backoff_ms,"
            + " ? AS created_at, ? AS job_id";
    String otherRow = " UNION ALL SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
    int inserted =
        db.jdbc()
            .update(
                "INSERT IGNORE INTO "
                    + t.jobRuns
                    + " ("
                    + NEW_RUN_COLUMNS
                    + ") SELECT n.id, n.status, n.attempt, n.fire_key, n.trigger_type,"
                    + " n.scheduled_at, n.not_before, n.retry_of, n.backoff_ms, n.created_at,"
                    + " j.id, j.concurrency FROM ("
                    + firstRow
                    + otherRow.repeat(runs.size() - 1)
                    + ") n JOIN "
                    + t.jobs
                    + " j ON j.id = n.job_id",
                args.toArray());
    boolean[] queued = new boolean[runs.size()];
    if (inserted == runs.size()) {
      Arrays.fill(queued, true);
    } else if (inserted > 0) {
      Set<String> present = existing(runs.stream().map(NewRun::id).toList());
      for (int i = 0; i < queued.length; i++) {
        queued[i] = present.contains(runs.get(i).id());
      }
    }
    return queued;
  }

  /** A new run's values in the order of {@link #NEW_RUN_COLUMNS}, without the concurrency. */
  private List<Object> newRunValues(NewRun run, Object createdAt) {
    return new ArrayList<>(
        Arrays.asList(
            run.id(),
            run.status().name(),
            run.attempt(),
            run.fireKey(),
            run.triggerType().name(),
            db.ts(run.scheduledAt()),
            db.ts(run.notBefore()),
            run.retryOf(),
            run.backoffMs(),
            createdAt,
            run.jobId()));
  }

  /** Of the given run ids, those that exist. */
  private Set<String> existing(List<String> runIds) {
    return new HashSet<>(
        db.jdbc()
            .queryForList(
                "SELECT id FROM "
                    + t.jobRuns
                    + " WHERE id IN ("
                    + placeholders(runIds.size())
                    + ")",
                String.class,
                runIds.toArray()));
  }

  /**
   * Claims up to {@code limit} due runs for this node. Must run inside a READ COMMITTED
   * transaction: the row locks taken by the select keep two nodes from claiming the same run, and
   * the job row locks of {@link #enforceConcurrency} keep two runs of a FORBID job apart.
   */
  public List<ClaimedRun> claim(String nodeId, int limit, Duration lease, Instant now) {
    String token = Ids.next();
    List<ClaimedRun> runs =
        db.dialect() == Dialect.POSTGRESQL
            ? claimInOneStatement(nodeId, limit, lease, now, token)
            : claimInThreeStatements(nodeId, limit, lease, now, token);
    return runs.isEmpty() ? runs : enforceConcurrency(runs, token);
  }

  /** The due runs a claim may take: oldest first, FORBID runs of busy jobs left out. */
  private String dueRuns() {
    return "SELECT q.id FROM "
        + t.jobRuns
        + " q WHERE q.status = 'QUEUED' AND q.not_before <= ?"
        + " AND (q.concurrency <> 'FORBID' OR NOT EXISTS (SELECT 1 FROM "
        + t.jobRuns
        + " b WHERE b.job_id = q.job_id AND b.status = 'RUNNING'))"
        // H2 and PostgreSQL: status first although it is fixed: H2 then reads the (status,
        // not_before) index in order and stops at the LIMIT, instead of sorting every QUEUED row
        // at each claim. MariaDB: not_before alone. When the connection's collation is not the
        // column's (utf8mb4_bin), MariaDB does not treat the status as a constant of the ORDER
        // BY and sorts every QUEUED row at each claim (slow log: 8,000 rows examined, 26 ms a
        // claim under a 10,000-run backlog); ordered by not_before it reads the index in order.
        + (db.dialect() == Dialect.MARIADB
            ? " ORDER BY q.not_before"
            : " ORDER BY q.status, q.not_before")
        + " LIMIT ?"
        + db.dialect().claimLock();
  }

  /** What a worker needs of a claimed run, joined from its job, owner and payload. */
  private String claimedColumns(String runs) {
    return "SELECT r.id, r.job_id, r.attempt, r.fire_key, r.trigger_type, r.scheduled_at,"
        + " r.not_before, r.lease_token, r.concurrency, j.notification_rules, j.name,"
        + " j.owner_id, u.role AS owner_role, j.job_type, j.custom_type, j.timeout_ms, p.*"
        + " FROM "
        + runs
        + " r JOIN "
        + t.jobs
        + " j ON j.id = r.job_id JOIN "
        + t.users
        + " u ON u.id = j.owner_id JOIN "
        + t.jobPayloads
        + " p ON p.job_id = r.job_id";
  }

  /**
   * PostgreSQL: lock, mark and read the batch in one statement (a data-modifying CTE), one round
   * trip per claim.
   */
  private List<ClaimedRun> claimInOneStatement(
      String nodeId, int limit, Duration lease, Instant now, String token) {
    return db.jdbc()
        .query(
            "WITH due AS ("
                + dueRuns()
                + "), claimed AS (UPDATE "
                + t.jobRuns
                + " w SET status = 'RUNNING', node_id = ?, lease_token = ?, lease_expires_at = "
                + db.dialect().dbNowPlusMillis()
                + ", started_at = ? FROM due WHERE w.id = due.id AND w.status = 'QUEUED'"
                + " RETURNING w.*) "
                + claimedColumns("claimed")
                + " ORDER BY r.not_before, r.id",
            this::mapClaimed,
            db.ts(now),
            limit,
            nodeId,
            token,
            lease.toMillis(),
            db.ts(now));
  }

  /** H2 and MariaDB (no UPDATE ... RETURNING): select and lock, mark, read back by token. */
  private List<ClaimedRun> claimInThreeStatements(
      String nodeId, int limit, Duration lease, Instant now, String token) {
    List<String> due = db.jdbc().queryForList(dueRuns(), String.class, db.ts(now), limit);
    if (due.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>();
    args.add(nodeId);
    args.add(token);
    args.add(lease.toMillis());
    args.add(db.ts(now));
    args.addAll(due);
    // status = 'QUEUED' again: on H2 a waiting claimer may be handed rows another node took.
    int claimed =
        db.jdbc()
            .update(
                "UPDATE "
                    + t.jobRuns
                    + " SET status = 'RUNNING', node_id = ?, lease_token = ?, lease_expires_at = "
                    + db.dialect().dbNowPlusMillis()
                    + ", started_at = ? WHERE status = 'QUEUED' AND id IN ("
                    + placeholders(due.size())
                    + ")",
                args.toArray());
    if (claimed == 0) {
      return List.of();
    }
    List<Object> selectArgs = new ArrayList<>(due);
    selectArgs.add(token);
    return db.jdbc()
        .query(
            claimedColumns(t.jobRuns)
                + " WHERE r.id IN ("
                + placeholders(due.size())
                + ") AND r.lease_token = ? ORDER BY r.not_before, r.id",
            this::mapClaimed,
            selectArgs.toArray());
  }

  /**
   * Of claimed runs whose job forbids overlap, keeps those with no other RUNNING run of their job.
   * The job rows are locked first (in id order), so two nodes claiming runs of one job at once are
   * serialised here and the second sees the first's claim. A FORBID run that must wait goes back to
   * the queue; a SKIP run is recorded SKIPPED.
   */
  private List<ClaimedRun> enforceConcurrency(List<ClaimedRun> runs, String token) {
    List<String> guardedJobs =
        runs.stream()
            .filter(r -> r.concurrency() != Concurrency.ALLOW)
            .map(ClaimedRun::jobId)
            .distinct()
            .sorted()
            .toList();
    if (guardedJobs.isEmpty()) {
      return runs;
    }
    db.jdbc()
        .queryForList(
            "SELECT id FROM "
                + t.jobs
                + db.dialect().byPrimaryKey()
                + " WHERE id IN ("
                + placeholders(guardedJobs.size())
                + ") ORDER BY id FOR UPDATE",
            String.class,
            guardedJobs.toArray());
    List<Object> args = new ArrayList<>(guardedJobs);
    args.add(token);
    Set<String> busy =
        new HashSet<>(
            db.jdbc()
                .queryForList(
                    "SELECT job_id FROM "
                        + t.jobRuns
                        + " WHERE job_id IN ("
                        + placeholders(guardedJobs.size())
                        + ") AND status = 'RUNNING' AND lease_token <> ?",
                    String.class,
                    args.toArray()));
    List<ClaimedRun> kept = new ArrayList<>();
    for (ClaimedRun run : runs) {
      if (run.concurrency() == Concurrency.ALLOW || busy.add(run.jobId())) {
        kept.add(run);
      } else if (run.concurrency() == Concurrency.SKIP) {
        db.jdbc()
            .update(
                "UPDATE "
                    + t.jobRuns
                    + " SET status = 'SKIPPED', finished_at = started_at, lease_expires_at = NULL,"
                    + " error = 'skipped: another run of the job was running' WHERE id = ?",
                run.id());
      } else {
        db.jdbc()
            .update("UPDATE " + t.jobRuns + " SET " + BACK_TO_QUEUE + " WHERE id = ?", run.id());
      }
    }
    return kept;
  }

  private ClaimedRun mapClaimed(ResultSet rs, int row) throws SQLException {
    String rawType = rs.getString("job_type");
    JobType type =
        "CUSTOM".equals(rawType) ? new JobType(rs.getString("custom_type")) : new JobType(rawType);
    long timeoutMs = rs.getLong("timeout_ms");
    Duration timeout = rs.wasNull() ? null : Duration.ofMillis(timeoutMs);
    return new ClaimedRun(
        rs.getString("id"),
        rs.getString("job_id"),
        rs.getString("name"),
        rs.getString("owner_id"),
        Role.valueOf(rs.getString("owner_role")),
        rs.getInt("attempt"),
        rs.getString("fire_key"),
        TriggerType.valueOf(rs.getString("trigger_type")),
        db.instant(rs, "scheduled_at"),
        db.instant(rs, "not_before"),
        rs.getString("lease_token"),
        Concurrency.valueOf(rs.getString("concurrency")),
        NotificationRulesJson.read(rs.getString("notification_rules")),
        timeout,
        payloads.fromRow(rs, type));
  }

  private String fence() {
    return " WHERE id = ? AND node_id = ? AND lease_token = ? AND status = 'RUNNING'"
        + " AND lease_expires_at >= "
        + db.dialect().dbNow();
  }

  /**
   * A run's outcome, to be written by {@link #complete} or {@link #completeAll}. {@code startedAt}
   * is when a worker started it, which replaces the claim's time in {@code started_at}: a run
   * claimed ahead waits for a worker after its claim.
   */
  public record Closing(
      ClaimedRun run,
      RunStatus status,
      @Nullable String error,
      @Nullable String summary,
      Instant startedAt,
      Instant finishedAt,
      long durationMs) {}

  /**
   * Closes a run with its outcome. Returns false when the fence refused it: the run is no longer
   * this node's (lease expired, run recovered elsewhere, handed back, or deleted with its job).
   */
  public boolean complete(Closing closing, String nodeId) {
    return completeAll(List.of(closing), nodeId)[0];
  }

  /**
   * Closes several runs in one JDBC batch (one round trip); element i of the result says whether
   * closing i passed the fence, as {@link #complete} does for one.
   */
  public boolean[] completeAll(List<Closing> closings, String nodeId) {
    if (db.dialect() == Dialect.POSTGRESQL && closings.size() > 1) {
      return completeInOneStatement(closings, nodeId);
    }
    List<Object[]> rows = new ArrayList<>(closings.size());
    for (Closing c : closings) {
      rows.add(
          new Object[] {
            c.status().name(),
            db.ts(c.startedAt()),
            db.ts(c.finishedAt()),
            c.durationMs(),
            truncate(c.error(), 4000),
            truncate(c.summary(), 2000),
            c.run().id(),
            nodeId,
            c.run().leaseToken()
          });
    }
    int[] counts =
        db.jdbc()
            .batchUpdate(
                "UPDATE "
                    + t.jobRuns
                    + " SET status = ?, started_at = ?, finished_at = ?, duration_ms = ?, error = ?,"
                    + " result_summary = ?, lease_expires_at = NULL"
                    + fence(),
                rows);
    return eachOne(counts);
  }

  /**
   * PostgreSQL: the closings as one UPDATE over arrays of their values, fenced as {@link #fence}
   * fences a single one. A JDBC batch is one round trip but still one statement execution per run,
   * whose start and end cost the server about as much as the row itself once commits are cheap.
   */
  private boolean[] completeInOneStatement(List<Closing> closings, String nodeId) {
    int n = closings.size();
    String[] ids = new String[n];
    String[] tokens = new String[n];
    String[] statuses = new String[n];
    String[] started = new String[n];
    String[] finished = new String[n];
    Long[] durations = new Long[n];
    String[] errors = new String[n];
    String[] summaries = new String[n];
    for (int i = 0; i < n; i++) {
      Closing c = closings.get(i);
      ids[i] = c.run().id();
      tokens[i] = c.run().leaseToken();
      statuses[i] = c.status().name();
      started[i] = c.startedAt().toString();
      finished[i] = c.finishedAt().toString();
      durations[i] = c.durationMs();
      errors[i] = truncate(c.error(), 4000);
      summaries[i] = truncate(c.summary(), 2000);
    }
    List<String> closed =
        db.jdbc()
            .execute(
                (java.sql.Connection con) -> {
                  try (PreparedStatement ps =
                      con.prepareStatement(
                          "UPDATE "
                              + t.jobRuns
                              + " r SET status = v.status, started_at = v.started,"
                              + " finished_at = v.finished,"
                              + " duration_ms = v.duration, error = v.error,"
                              + " result_summary = v.summary, lease_expires_at = NULL"
                              + " FROM unnest(?::char(26)[], ?::char(26)[], ?::text[], ?::timestamptz[],"
                              + " ?::timestamptz[], ?::bigint[], ?::text[], ?::text[])"
                              + " AS v(id, token, status, started, finished, duration, error,"
                              + " summary)"
                              + " WHERE r.id = v.id AND r.node_id = ? AND r.lease_token = v.token"
                              + " AND r.status = 'RUNNING' AND r.lease_expires_at >= "
                              + db.dialect().dbNow()
                              + " RETURNING r.id")) {
                    ps.setArray(1, con.createArrayOf("text", ids));
                    ps.setArray(2, con.createArrayOf("text", tokens));
                    ps.setArray(3, con.createArrayOf("text", statuses));
                    ps.setArray(4, con.createArrayOf("text", started));
                    ps.setArray(5, con.createArrayOf("text", finished));
                    ps.setArray(6, con.createArrayOf("bigint", durations));
                    ps.setArray(7, con.createArrayOf("text", errors));
                    ps.setArray(8, con.createArrayOf("text", summaries));
                    ps.setString(9, nodeId);
                    List<String> out = new ArrayList<>(n);
                    try (ResultSet rs = ps.executeQuery()) {
                      while (rs.next()) {
                        out.add(rs.getString(1));
                      }
                    }
                    return out;
                  }
                });
    Set<String> done = new HashSet<>(closed);
    boolean[] one = new boolean[n];
    for (int i = 0; i < n; i++) {
      one[i] = done.contains(ids[i]);
    }
    return one;
  }

  /** Which statements of a JDBC batch changed exactly one row. */
  private static boolean[] eachOne(int[] counts) {
    boolean[] one = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      one[i] = counts[i] == 1;
    }
    return one;
  }

  /** Checks, and locks until commit, that this node still holds the run's lease. */
  public boolean holdsLease(ClaimedRun run, String nodeId) {
    return fencedUpdate("lease_expires_at = lease_expires_at", run, nodeId);
  }

  /** Hands a claimed run back to the queue (graceful shutdown); fenced like every other write. */
  public boolean handBack(ClaimedRun run, String nodeId) {
    return fencedUpdate(BACK_TO_QUEUE, run, nodeId);
  }

  private boolean fencedUpdate(String set, ClaimedRun run, String nodeId) {
    return db.jdbc()
            .update(
                "UPDATE " + t.jobRuns + " SET " + set + fence(), run.id(), nodeId, run.leaseToken())
        == 1;
  }

  /** Extends the lease of every unexpired run this node holds; returns how many. */
  public int renewLeases(String nodeId, Duration lease) {
    return db.jdbc()
        .update(
            "UPDATE "
                + t.jobRuns
                + " SET lease_expires_at = "
                + db.dialect().dbNowPlusMillis()
                + " WHERE node_id = ? AND status = 'RUNNING' AND lease_expires_at >= "
                + db.dialect().dbNow(),
            lease.toMillis(),
            nodeId);
  }

  /** Of the given runs, the ids this node still holds under the given tokens. */
  public Set<String> stillHeld(String nodeId, Collection<ClaimedRun> runs) {
    if (runs.isEmpty()) {
      return Set.of();
    }
    List<Object> args = new ArrayList<>();
    args.add(nodeId);
    runs.forEach(r -> args.add(r.id()));
    Set<String> tokens = runs.stream().map(ClaimedRun::leaseToken).collect(Collectors.toSet());
    List<String[]> rows =
        db.jdbc()
            .query(
                "SELECT id, lease_token FROM "
                    + t.jobRuns
                    + " WHERE node_id = ? AND status = 'RUNNING' AND id IN ("
                    + placeholders(runs.size())
                    + ")",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)},
                args.toArray());
    return rows.stream()
        .filter(r -> tokens.contains(r[1]))
        .map(r -> r[0])
        .collect(Collectors.toSet());
  }

  /**
   * Marks up to {@code limit} runs whose lease expired (on the database clock) as LOST, or
   * CANCELLED when their cancellation had been requested. Must run in a transaction; returns the
   * runs marked.
   */
  public List<LostRun> markExpiredLost(int limit, Instant now) {
    List<LostRun> expired =
        db.jdbc()
            .query(
                "SELECT id, job_id, attempt, fire_key, trigger_type, scheduled_at, node_id,"
                    + " cancel_requested FROM "
                    + t.jobRuns
                    + " WHERE status = 'RUNNING' AND lease_expires_at < "
                    + db.dialect().dbNow()
                    + " ORDER BY lease_expires_at LIMIT ?"
                    + db.dialect().skipLocked(),
                (rs, i) ->
                    new LostRun(
                        rs.getString("id"),
                        rs.getString("job_id"),
                        rs.getInt("attempt"),
                        rs.getString("fire_key"),
                        TriggerType.valueOf(rs.getString("trigger_type")),
                        db.instant(rs, "scheduled_at"),
                        rs.getString("node_id"),
                        rs.getBoolean("cancel_requested")),
                limit);
    List<LostRun> marked = new ArrayList<>();
    for (LostRun run : expired) {
      int updated =
          db.jdbc()
              .update(
                  "UPDATE "
                      + t.jobRuns
                      + " SET status = ?, finished_at = ?, lease_expires_at = NULL, error = ?"
                      + " WHERE id = ? AND status = 'RUNNING' AND lease_expires_at < "
                      + db.dialect().dbNow(),
                  run.cancelRequested() ? "CANCELLED" : "LOST",
                  db.ts(now),
                  (run.cancelRequested() ? "cancelled; " : "")
                      + "lease expired: node "
                      + run.nodeId()
                      + " stopped renewing it",
                  run.id());
      if (updated == 1) {
        marked.add(run);
      }
    }
    return marked;
  }

  /** Locks a run for a change and returns its status, empty when it does not exist. */
  public Optional<RunStatus> lockStatus(String runId) {
    return db
        .jdbc()
        .query(
            "SELECT status FROM " + t.jobRuns + " WHERE id = ? FOR UPDATE",
            (rs, i) -> RunStatus.valueOf(rs.getString(1)),
            runId)
        .stream()
        .findFirst();
  }

  /** Ends a QUEUED or HELD run as CANCELLED; returns false when it was not waiting. */
  public boolean cancelWaiting(String runId, String reason, Instant now) {
    return db.jdbc()
            .update(
                "UPDATE "
                    + t.jobRuns
                    + " SET status = 'CANCELLED', cancel_requested = ?, finished_at = ?, error = ?"
                    + " WHERE id = ? AND status IN ('QUEUED', 'HELD')",
                true,
                db.ts(now),
                reason,
                runId)
        == 1;
  }

  /** Asks the node executing a RUNNING run to stop it. */
  public boolean requestCancel(String runId) {
    return db.jdbc()
            .update(
                "UPDATE "
                    + t.jobRuns
                    + " SET cancel_requested = ? WHERE id = ? AND status = 'RUNNING'",
                true,
                runId)
        == 1;
  }

  /** The ids of this node's RUNNING runs whose cancellation was requested. */
  public List<String> cancelRequested(String nodeId) {
    return db.jdbc()
        .queryForList(
            "SELECT id FROM "
                + t.jobRuns
                + " WHERE node_id = ? AND status = 'RUNNING' AND cancel_requested = ?",
            String.class,
            nodeId,
            true);
  }

  /** Holds the queued runs of a paused job. */
  public int hold(String jobId) {
    return db.jdbc()
        .update(
            "UPDATE " + t.jobRuns + " SET status = 'HELD' WHERE job_id = ? AND status = 'QUEUED'",
            jobId);
  }

  /** Releases the held runs of a resumed job. */
  public int release(String jobId) {
    return db.jdbc()
        .update(
            "UPDATE " + t.jobRuns + " SET status = 'QUEUED' WHERE job_id = ? AND status = 'HELD'",
            jobId);
  }

  /** Removes the not-yet-started ONCE runs of a job (its one-time schedule changed). */
  public int dropPendingOnce(String jobId) {
    return db.jdbc()
        .update(
            "DELETE FROM "
                + t.jobRuns
                + " WHERE job_id = ? AND trigger_type = 'ONCE' AND status IN ('QUEUED', 'HELD')",
            jobId);
  }

  public Optional<JobRun> find(String runId) {
    return db.jdbc().query(selectRun() + " WHERE id = ?", this::mapRun, runId).stream().findFirst();
  }

  /** A job's runs, newest first, after the cursor. Returns one row more than the page. */
  public List<JobRun> forJob(String jobId, PageRequest page) {
    List<Object> args = new ArrayList<>();
    args.add(jobId);
    String after = "";
    if (page.after() != null) {
      after = " AND id < ?";
      args.add(page.after());
    }
    return db.jdbc()
        .query(
            selectRun()
                + " WHERE job_id = ?"
                + after
                + " ORDER BY id DESC LIMIT "
                + (page.limit() + 1),
            this::mapRun,
            args.toArray());
  }

  /**
   * The outcomes of the job's latest ended runs, newest first (SUCCEEDED, FAILED, TIMED_OUT, LOST;
   * cancelled and skipped runs say nothing about the job's health).
   */
  public List<RunStatus> recentOutcomes(String jobId, int limit) {
    return db.jdbc()
        .query(
            "SELECT status FROM "
                + t.jobRuns
                + " WHERE job_id = ? AND status IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT', 'LOST')"
                + " ORDER BY finished_at DESC, id DESC LIMIT "
                + limit,
            (rs, i) -> RunStatus.valueOf(rs.getString(1)),
            jobId);
  }

  /**
   * Deletes up to {@code limit} runs that ended before the cutoff, with their logs (foreign keys
   * cascade), except runs a dead-letter event refers to. Returns how many were deleted.
   */
  public int deleteEndedBefore(Instant cutoff, int limit) {
    List<String> ids =
        db.jdbc()
            .queryForList(
                "SELECT r.id FROM "
                    + t.jobRuns
                    + " r WHERE r.status IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED',"
                    + " 'LOST', 'SKIPPED') AND r.finished_at < ? AND NOT EXISTS (SELECT 1 FROM "
                    + t.dlqEvents
                    + " d WHERE d.run_id = r.id) ORDER BY r.finished_at LIMIT "
                    + limit,
                String.class,
                db.ts(cutoff));
    if (ids.isEmpty()) {
      return 0;
    }
    return db.jdbc()
        .update(
            "DELETE FROM " + t.jobRuns + " WHERE id IN (" + placeholders(ids.size()) + ")",
            ids.toArray());
  }

  /** How many runs are QUEUED and due (the queue depth gauge). */
  public long dueCount(Instant now) {
    Long count =
        db.jdbc()
            .queryForObject(
                "SELECT COUNT(*) FROM "
                    + t.jobRuns
                    + " WHERE status = 'QUEUED' AND not_before <= ?",
                Long.class,
                db.ts(now));
    return count == null ? 0 : count;
  }

  private String selectRun() {
    return "SELECT id, job_id, status, attempt, fire_key, trigger_type, scheduled_at, not_before,"
        + " node_id, started_at, finished_at, duration_ms, error, result_summary, retry_of,"
        + " created_at, backoff_ms FROM "
        + t.jobRuns;
  }

  private JobRun mapRun(ResultSet rs, int row) throws SQLException {
    long durationMs = rs.getLong("duration_ms");
    Duration duration = rs.wasNull() ? null : Duration.ofMillis(durationMs);
    String jobId = rs.getString("job_id");
    return new JobRun(
        rs.getString("id"),
        jobId,
        RunStatus.valueOf(rs.getString("status")),
        rs.getInt("attempt"),
        TriggerType.valueOf(rs.getString("trigger_type")),
        db.instant(rs, "scheduled_at"),
        db.instant(rs, "not_before"),
        rs.getString("node_id"),
        db.instant(rs, "started_at"),
        db.instant(rs, "finished_at"),
        duration,
        rs.getString("error"),
        rs.getString("result_summary"),
        rs.getString("retry_of"),
        jobId + ":" + rs.getString("fire_key"),
        db.instant(rs, "created_at"),
        backoff(rs));
  }

  @Nullable
  private static Duration backoff(ResultSet rs) throws SQLException {
    long ms = rs.getLong("backoff_ms");
    return rs.wasNull() ? null : Duration.ofMillis(ms);
  }

  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  @Nullable
  static String truncate(@Nullable String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }
}
