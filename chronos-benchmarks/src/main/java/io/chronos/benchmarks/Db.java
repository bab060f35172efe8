package io.chronos.benchmarks;

import java.util.Locale;

/**
 * A database scenarios 1 and 2 run on: the PostgreSQL server, an H2 file in this JVM, or (opt-in)
 * the MariaDB server.
 */
enum Db {
  POSTGRESQL("postgresql", "PostgreSQL"),
  H2("h2", "H2 file"),
  MARIADB("mariadb", "MariaDB");

  /**
   * What the H2 URL adds to the file path: the database stays open between the pool's connections
   * until the harness shuts it down at the end of the round. Everything else is H2's default for an
   * embedded file database (MVStore, no AUTO_SERVER, default lock timeout and write delay).
   */
  static final String H2_SETTINGS = ";DB_CLOSE_DELAY=-1";

  final String id;
  final String label;

  Db(String id, String label) {
    this.id = id;
    this.label = label;
  }

  boolean postgres() {
    return this == POSTGRESQL;
  }

  /** Whether the database is a server process of its own (its CPU time can be read). */
  boolean server() {
    return this != H2;
  }

  static Db of(String id) {
    for (Db db : values()) {
      if (db.id.equals(id.toLowerCase(Locale.ROOT))) {
        return db;
      }
    }
    throw new IllegalArgumentException(
        "unknown database " + id + "; known: " + BenchConfig.ALL_DATABASES);
  }
}
