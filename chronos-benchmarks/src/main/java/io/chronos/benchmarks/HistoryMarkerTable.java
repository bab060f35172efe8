package io.chronos.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The marker table of a history seed, {@code <seed schema>.marker}: one row written when a seed is
 * complete, read by the next run to decide whether the seed can be reused. Portable SQL (PostgreSQL
 * and H2), so that every database's seed keeps its marker the same way.
 */
final class HistoryMarkerTable {
  static final String TABLE = "marker";

  private HistoryMarkerTable() {}

  /** The marker of the given version and sizes, if the database has a complete seed of them. */
  static Optional<HistorySeed.Marker> read(
      Connection c, String schema, int version, HistorySeed.Sizes sizes) throws SQLException {
    boolean upper = c.getMetaData().storesUpperCaseIdentifiers();
    try (ResultSet rs =
        c.getMetaData()
            .getTables(
                null,
                upper ? schema.toUpperCase(Locale.ROOT) : schema,
                upper ? TABLE.toUpperCase(Locale.ROOT) : TABLE,
                null)) {
      if (!rs.next()) {
        return Optional.empty();
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, users, jobs, runs, logs, dead_letters, t_end, seed_seconds,"
                    + " steps, seeded_at FROM "
                    + schema
                    + "."
                    + TABLE)) {
      if (!rs.next()) {
        return Optional.empty();
      }
      HistorySeed.Marker m =
          new HistorySeed.Marker(
              rs.getInt(1),
              new HistorySeed.Sizes(rs.getLong(2), rs.getLong(3), rs.getLong(4)),
              rs.getLong(5),
              rs.getLong(6),
              rs.getObject(7, OffsetDateTime.class).toInstant(),
              rs.getDouble(8),
              rs.getString(9),
              rs.getObject(10, OffsetDateTime.class).toInstant());
      return m.version() == version && m.sizes().equals(sizes) ? Optional.of(m) : Optional.empty();
    }
  }

  /** Creates the table and writes the marker of a finished seed. */
  static void write(Connection c, String schema, HistorySeed.Marker m) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + schema
              + "."
              + TABLE
              + " (version INT NOT NULL, users BIGINT NOT NULL, jobs BIGINT NOT NULL,"
              + " runs BIGINT NOT NULL, logs BIGINT NOT NULL, dead_letters BIGINT NOT NULL,"
              + " t_end TIMESTAMP WITH TIME ZONE NOT NULL, seed_seconds DOUBLE PRECISION NOT NULL,"
              + " steps VARCHAR(4000) NOT NULL, seeded_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO " + schema + "." + TABLE + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setInt(1, m.version());
      ps.setLong(2, m.sizes().users());
      ps.setLong(3, m.sizes().jobs());
      ps.setLong(4, m.sizes().runs());
      ps.setLong(5, m.logs());
      ps.setLong(6, m.deadLetters());
      ps.setObject(7, m.end().atOffset(ZoneOffset.UTC));
      ps.setDouble(8, m.seedSeconds());
      ps.setString(9, m.steps());
      ps.setObject(10, m.seededAt().atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }

  /** The steps' timings as the marker and the report show them: "users 0 s, jobs 1 s, ...". */
  static String summary(Map<String, Double> steps) {
    StringBuilder out = new StringBuilder();
    steps.forEach(
        (name, seconds) ->
            out.append(out.length() == 0 ? "" : ", ")
                .append(name)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.0f s", seconds)));
    return out.toString();
  }
}
