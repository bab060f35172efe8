package io.chronos.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MariaDB server scenarios 1 and 2 run on when {@code bench.databases} names it (opt-in):
 * {@code bench.mariadb.server}, a JDBC URL ending in '/', and {@code bench.mariadb.user}, who has
 * no password. On MariaDB a schema is a database, so the run's own database ({@code
 * bench.database}) holds the harness's monitoring connection and every system and round gets a
 * database of its own.
 */
record MariaDbServer(String server, String user) {

  static MariaDbServer fromSystemProperties() {
    return new MariaDbServer(
        System.getProperty("bench.mariadb.server", "jdbc:mariadb://127.0.0.1:3306/"),
        System.getProperty("bench.mariadb.user", "root"));
  }

  /** A database of the server, without the user (a pool sets it). */
  String url(String database) {
    return server + database;
  }

  /** A database of the server with the user, for the harness's own statements. */
  String adminUrl(String database) {
    return url(database) + "?user=" + user;
  }

  /** The server without a database, for creating and dropping one. */
  String maintenanceUrl() {
    return server + "?user=" + user;
  }

  /** The server's version and the settings that bear on commits, for the report. */
  record Environment(String version, Map<String, String> settings) {
    /**
     * Durability of a commit (flush of the redo log, binary log), the buffer pool the tables live
     * in, and the isolation level connections get unless they set their own. {@code tx_isolation}
     * is the name 10.11 has (11.1 renamed it and kept this one as an alias).
     */
    static final List<String> SHOWN =
        List.of(
            "innodb_flush_log_at_trx_commit",
            "innodb_buffer_pool_size",
            "tx_isolation",
            "log_bin",
            "max_connections");

    static Environment read(Connection c) throws SQLException {
      String version = BenchMain.queryString(c, "SELECT VERSION()");
      Map<String, String> settings =
          new LinkedHashMap<>(
              BenchMain.readSettings(
                  c,
                  // As SHOW VARIABLES gives them (log_bin ON/OFF, not @@log_bin's 1/0).
                  name ->
                      "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES"
                          + " WHERE VARIABLE_NAME = '"
                          + name.toUpperCase(Locale.ROOT)
                          + "'",
                  SHOWN));
      settings.computeIfPresent("innodb_buffer_pool_size", (k, bytes) -> mebibytes(bytes));
      return new Environment(version, settings);
    }

    /** A size in bytes as MiB, the unit the server's documentation gives it in. */
    static String mebibytes(String bytes) {
      return Long.parseLong(bytes) / (1024 * 1024) + " MiB";
    }
  }
}
