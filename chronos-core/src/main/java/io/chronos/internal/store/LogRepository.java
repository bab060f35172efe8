package io.chronos.internal.store;

import io.chronos.PageRequest;
import io.chronos.internal.json.Json;
import io.chronos.run.LogLevel;
import io.chronos.run.RunLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code job_run_logs}: written in batches, read by run in write order. */
public final class LogRepository {
  private final Db db;
  private final Tables t;

  public LogRepository(Db db) {
    this.db = db;
    this.t = db.tables();
  }

  /** Inserts log lines in one JDBC batch. */
  public void insertAll(List<RunLog> lines) {
    if (lines.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>(lines.size());
    for (RunLog line : lines) {
      rows.add(
          new Object[] {
            line.id(),
            line.runId(),
            line.level().name(),
            RunRepository.truncate(line.message(), 4000),
            line.context().isEmpty() ? null : Json.write(line.context()),
            db.ts(line.loggedAt())
          });
    }
    db.jdbc()
        .batchUpdate(
            "INSERT INTO "
                + t.jobRunLogs
                + " (id, run_id, level, message, context, logged_at) VALUES (?, ?, ?, ?, "
                + db.dialect().jsonParam()
                + ", ?)",
            rows);
  }

  /** A run's lines after the cursor, in write order; one row more than the page. */
  public List<RunLog> forRun(String runId, PageRequest page) {
    List<Object> args = new ArrayList<>();
    args.add(runId);
    String after = "";
    if (page.after() != null) {
      after = " AND id > ?";
      args.add(page.after());
    }
    return db.jdbc()
        .query(
            "SELECT id, run_id, level, message, context, logged_at FROM "
                + t.jobRunLogs
                + " WHERE run_id = ?"
                + after
                + " ORDER BY id LIMIT "
                + (page.limit() + 1),
            (rs, i) -> {
              Map<String, String> context = new LinkedHashMap<>();
              Json.readMap(rs.getString("context"))
                  .forEach((k, v) -> context.put(k, String.valueOf(v)));
              return new RunLog(
                  rs.getString("id"),
                  rs.getString("run_id"),
                  LogLevel.valueOf(rs.getString("level")),
                  rs.getString("message"),
                  context,
                  db.instant(rs, "logged_at"));
            },
            args.toArray());
  }
}
