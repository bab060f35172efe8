package io.chronos.benchmarks;

/**
 * What the report says of a database around the figures of scenarios 1 and 2: where its tables ran,
 * how it differs from the PostgreSQL run, and where its server-side figures come from (or why it
 * has none). An empty text is left out.
 *
 * @param on the end of the tables' headings
 * @param name the database's name in "Not run on NAME"
 * @param intro before the scenario 1 table
 * @param serverCpu after the scenario 1 table: the server CPU column
 * @param serverCommits in the scenario 2 text, after "Server: "
 */
record DbNotes(String on, String name, String intro, String serverCpu, String serverCommits) {

  static DbNotes of(Db db) {
    return switch (db) {
      case POSTGRESQL ->
          new DbNotes(
              ", on PostgreSQL",
              "PostgreSQL",
              "",
              "",
              "`pg_stat_database.xact_commit` delta for the database, less the harness's own"
                  + " monitoring queries.");
      case H2 ->
          new DbNotes(
              ", on an H2 file",
              "H2",
              "The same systems, jobs and settings on an H2 file database in the harness JVM,"
                  + " informational: the goals of issue #6 are stated for PostgreSQL. No ANALYZE"
                  + " (H2 analyzes a table itself after 2,000 changed rows).",
              "Server CPU: n/a, H2 has no server process. The database runs inside the harness JVM,"
                  + " so the JVM CPU column holds the scheduler's and the database's work together"
                  + " (and the harness's monitoring queries).",
              "n/a, H2 runs embedded in the harness JVM and has no `pg_stat_database`; the"
                  + " client-side counts are the same JDBC wrapper as on PostgreSQL.");
      case MARIADB ->
          new DbNotes(
              ", on MariaDB",
              "MariaDB",
              "The same systems, jobs and settings on the MariaDB server, informational: the goals"
                  + " of issue #6 are stated for PostgreSQL. Every system and round gets a database"
                  + " of its own (MariaDB's schema), dropped after the round, and an ANALYZE TABLE"
                  + " of its tables after loading. Chronos runs its MySQL/MariaDB migrations and"
                  + " its claim in READ COMMITTED; raw Quartz uses the jar's"
                  + " `tables_mysql_innodb.sql` and StdJDBCDelegate; db-scheduler detects MariaDB"
                  + " (MariaDBJdbcCustomization) and gets its documented MySQL table"
                  + " (`TIMESTAMP(6)` times, `VARCHAR(100)` keys); both keep the server's default"
                  + " isolation.",
              "Server CPU: the CPU time of the `mariadbd` process, read from /proc: one process"
                  + " whose counters hold every thread's time, connection threads included. Like"
                  + " PostgreSQL's, it includes any other client of the server during the round.",
              "n/a, MariaDB has no per-database commit count (its `Com_commit` and"
                  + " `Handler_commit` status counters are server-wide, so other clients'"
                  + " transactions would enter them); the client-side counts are the same JDBC"
                  + " wrapper as on PostgreSQL.");
    };
  }
}
