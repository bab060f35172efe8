package io.chronos.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The indexes of the H2 history seed: those of job_runs left out of the load and built again after
 * it, and the proof, from H2's INFORMATION_SCHEMA, that every index and constraint ends as the
 * migrations made it.
 */
final class HistoryH2Indexes {
  /**
   * The indexes of job_runs that lead with job_id, and the constraints they serve, are built after
   * the load (while the log lines load): runs come in time order, so every other index of job_runs
   * and job_run_logs takes its inserts at a few places at its end, but these take them all over the
   * index (a run's job is random), which H2 pays with a page read per insert once the index
   * outgrows the cache.
   */
  static final String DEFERRED_TABLE = "JOB_RUNS";

  static final String DEFERRED_COLUMN = "JOB_ID";

  private HistoryH2Indexes() {}

  /** Foreign keys and unique constraints in H2's own DDL (SCRIPT NODATA). */
  private static final Pattern CONSTRAINT =
      Pattern.compile(
          "ALTER TABLE (\\S+) ADD CONSTRAINT \"(\\w+)\"\\.\"(\\w+)\" (FOREIGN KEY\\([^)]*\\)|UNIQUE ).*");

  /** The statements that build the deferred indexes and constraints again, run on a thread. */
  static final class Deferred {
    private final FutureTask<Double> task;

    Deferred(PunctualityH2 h2, List<String> statements) {
      this.task =
          new FutureTask<>(
              () -> {
                long t0 = System.nanoTime();
                try (Connection c = h2.connect();
                    Statement s = c.createStatement()) {
                  for (String statement : statements) {
                    s.execute(statement);
                  }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                HistoryScenario.log("  %-20s %7.1f s", "indexes and keys", seconds);
                return seconds;
              });
    }

    void start() {
      Thread thread = new Thread(task, "history-seed-h2-indexes");
      thread.setDaemon(true);
      thread.start();
    }

    double join() throws Exception {
      try {
        return task.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
      }
    }
  }

  /**
   * Drops the {@link #DEFERRED_TABLE} indexes that lead with {@link #DEFERRED_COLUMN} and the
   * constraints they serve, and returns what re-creates exactly those: each index under its own
   * name (also the ones H2 named for a constraint), then each constraint in H2's own DDL ({@code
   * SCRIPT NODATA}) told to use that index, without the NOCHECK of a script, so that adding a
   * foreign key checks the loaded rows. {@link #schemaDefinitions} proves the result identical.
   */
  static Deferred dropDeferred(Connection c, PunctualityH2 h2) throws SQLException {
    String schema = HistorySeed.CHRONOS_SCHEMA.toUpperCase(Locale.ROOT);
    String table = "\"" + schema + "\".\"" + DEFERRED_TABLE + "\"";
    Map<String, String> indexes = new LinkedHashMap<>();
    List<String> plainIndexes = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT i.INDEX_NAME, i.INDEX_TYPE_NAME, i.IS_GENERATED, LISTAGG('\"' ||"
                    + " k.COLUMN_NAME || '\" ' || k.ORDERING_SPECIFICATION || ' NULLS ' ||"
                    + " k.NULL_ORDERING, ', ') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION)"
                    + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k"
                    + " ON k.INDEX_SCHEMA = i.INDEX_SCHEMA AND k.INDEX_NAME = i.INDEX_NAME"
                    + " WHERE i.TABLE_SCHEMA = '"
                    + schema
                    + "' AND i.TABLE_NAME = '"
                    + DEFERRED_TABLE
                    + "' AND i.INDEX_TYPE_NAME IN ('INDEX', 'UNIQUE INDEX')"
                    + " GROUP BY i.INDEX_NAME, i.INDEX_TYPE_NAME, i.IS_GENERATED"
                    + " HAVING MAX(CASE WHEN k.ORDINAL_POSITION = 1 THEN k.COLUMN_NAME END) = '"
                    + DEFERRED_COLUMN
                    + "' ORDER BY i.INDEX_NAME")) {
      while (rs.next()) {
        String name = "\"" + schema + "\".\"" + rs.getString(1) + "\"";
        indexes.put(
            rs.getString(1),
            "CREATE "
                + (rs.getString(2).startsWith("UNIQUE") ? "UNIQUE " : "")
                + "INDEX "
                + name
                + " ON "
                + table
                + "("
                + rs.getString(4)
                + ")");
        if (!rs.getBoolean(3)) {
          plainIndexes.add(rs.getString(1));
        }
      }
    }
    Map<String, String> owners = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT CONSTRAINT_NAME, INDEX_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                    + " WHERE TABLE_SCHEMA = '"
                    + schema
                    + "' AND TABLE_NAME = '"
                    + DEFERRED_TABLE
                    + "' AND CONSTRAINT_TYPE IN ('FOREIGN KEY', 'UNIQUE')")) {
      while (rs.next()) {
        if (indexes.containsKey(rs.getString(2))) {
          owners.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    List<String> drops = new ArrayList<>();
    List<String> constraints = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SCRIPT NODATA")) {
      while (rs.next()) {
        String line = rs.getString(1).trim().replaceAll(" NOCHECK;$|;$", "");
        Matcher m = CONSTRAINT.matcher(line);
        if (m.matches() && m.group(1).equals(table) && owners.containsKey(m.group(3))) {
          String index = "INDEX \"" + schema + "\".\"" + owners.get(m.group(3)) + "\"";
          constraints.add(
              m.group(4).startsWith("UNIQUE")
                  ? line + " " + index
                  : line.replace(m.group(4), m.group(4) + " " + index));
          drops.add(
              "ALTER TABLE "
                  + table
                  + " DROP CONSTRAINT \""
                  + schema
                  + "\".\""
                  + m.group(3)
                  + "\"");
        }
      }
    }
    if (constraints.size() != owners.size()) {
      throw new IllegalStateException("not every constraint of " + owners + " in SCRIPT NODATA");
    }
    // Dropping a constraint drops the index it made; the others go by name.
    for (String index : plainIndexes) {
      drops.add("DROP INDEX \"" + schema + "\".\"" + index + "\"");
    }
    try (Statement s = c.createStatement()) {
      for (String drop : drops) {
        s.execute(drop);
      }
    }
    List<String> recreate = new ArrayList<>(indexes.values());
    recreate.addAll(constraints);
    HistoryScenario.log("deferred until after the load: %s", recreate);
    return new Deferred(h2, recreate);
  }

  /**
   * Every index (name, kind, whether H2 generated it for a constraint, columns in order) and every
   * constraint (name, kind, the index it uses, its columns, what it references or checks) of the
   * Chronos schema, from H2's INFORMATION_SCHEMA, sorted.
   */
  static List<String> schemaDefinitions(Connection c) throws SQLException {
    String schema = HistorySeed.CHRONOS_SCHEMA.toUpperCase(Locale.ROOT);
    List<String> out =
        rows(
            c,
            "SELECT i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME, i.IS_GENERATED, (SELECT LISTAGG("
                + "c.COLUMN_NAME || ' ' || c.ORDERING_SPECIFICATION || ' ' || c.NULL_ORDERING, ', ')"
                + " WITHIN GROUP (ORDER BY c.ORDINAL_POSITION) FROM INFORMATION_SCHEMA.INDEX_COLUMNS c"
                + " WHERE c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME)"
                + " FROM INFORMATION_SCHEMA.INDEXES i WHERE i.TABLE_SCHEMA = '"
                + schema
                + "'");
    out.addAll(
        rows(
            c,
            "SELECT t.TABLE_NAME, t.CONSTRAINT_NAME, t.CONSTRAINT_TYPE, t.INDEX_NAME, (SELECT LISTAGG("
                + "k.COLUMN_NAME, ', ') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION) FROM"
                + " INFORMATION_SCHEMA.KEY_COLUMN_USAGE k WHERE k.CONSTRAINT_SCHEMA ="
                + " t.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME),"
                + " r.UNIQUE_CONSTRAINT_NAME, r.UPDATE_RULE, r.DELETE_RULE, h.CHECK_CLAUSE"
                + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t"
                + " LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA"
                + " = t.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                + " LEFT JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS h ON h.CONSTRAINT_SCHEMA"
                + " = t.CONSTRAINT_SCHEMA AND h.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                + " WHERE t.CONSTRAINT_SCHEMA = '"
                + schema
                + "'"));
    java.util.Collections.sort(out);
    return out;
  }

  /** Each row of the query as its columns joined by spaces. */
  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i == 1 ? "" : " ").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
