package io.chronos.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * One round's H2 file database of scenarios 3 and 4: its URL, pools and connections on it, and its
 * removal. {@code settings} is what the URL adds to the file path: {@link #EMBEDDED} when every
 * connection comes from the harness JVM (scenario 3), {@link #MIXED} when a child JVM opens it too
 * (scenario 4: the first process to open the file serves the others over TCP).
 */
record PunctualityH2(Path file, String settings) {
  /** The database stays open between connections until {@link #delete()} shuts it down. */
  static final String EMBEDDED = Db.H2_SETTINGS;

  /** H2's mixed mode: the process that opens the file first serves it to the others. */
  static final String MIXED = Db.H2_SETTINGS + ";AUTO_SERVER=TRUE";

  /** H2 binds a file to the user who created it: every connection uses this one. */
  static final String USER = "sa";

  /** A fresh database: the directory exists and no file of an earlier, interrupted run is left. */
  static PunctualityH2 fresh(Path dir, String name, String settings) throws IOException {
    Files.createDirectories(dir);
    PunctualityH2 h2 = new PunctualityH2(dir.resolve(name), settings);
    h2.deleteFiles();
    return h2;
  }

  String url() {
    return "jdbc:h2:file:" + file + settings;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, "");
  }

  HikariDataSource pool(int size, String name) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url());
    hc.setUsername(USER);
    hc.setPassword("");
    hc.setMaximumPoolSize(size);
    hc.setPoolName(name);
    return new HikariDataSource(hc);
  }

  /** Shuts the database down (DB_CLOSE_DELAY=-1 keeps it open) and deletes its files. */
  void delete() throws SQLException, IOException {
    if (Files.exists(dataFile())) {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
    deleteFiles();
  }

  private Path dataFile() {
    return file.resolveSibling(file.getFileName() + ".mv.db");
  }

  /** The data, lock and trace files of the database (name + "."). */
  private void deleteFiles() throws IOException {
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    String prefix = file.getFileName() + ".";
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().startsWith(prefix)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }
}
