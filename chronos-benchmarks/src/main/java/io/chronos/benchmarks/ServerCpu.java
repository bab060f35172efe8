package io.chronos.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used by the database server (PostgreSQL or MariaDB) and by this JVM, read from /proc, so
 * that a round can be charged with the processor work it caused on both sides of the connection.
 * Elapsed time on a shared 2-core machine moves with whatever else runs; CPU time per execution
 * moves much less.
 *
 * <p>The server's figure is its main process's own time plus the time of its children: live ones
 * from their /proc entries, exited ones (backends of a closed pool) from the main process's
 * cumulative children counters, which Linux adds when it reaps them. PostgreSQL's main process is
 * the postmaster, with a process per connection; MariaDB's is mariadbd, one process whose own
 * counters already hold every thread's time (connection threads included, exited ones too) and
 * which has no children. The pid comes from the server's pid file, whose path the server reports.
 * Where /proc or the pid file cannot be read (another machine, another user), it reports -1.
 */
final class ServerCpu {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final long serverPid;

  private ServerCpu(long serverPid) {
    this.serverPid = serverPid;
  }

  /** The server of a PostgreSQL or MariaDB connection. */
  static ServerCpu of(Db db, Connection admin) {
    long pid = -1;
    try {
      List<String> lines = Files.readAllLines(pidFile(db, admin));
      pid = Long.parseLong(lines.get(0).trim());
      if (ticks(pid, true) < 0) {
        pid = -1;
      }
    } catch (SQLException | IOException | RuntimeException e) {
      pid = -1;
    }
    return new ServerCpu(pid);
  }

  /**
   * The server's pid file: PostgreSQL's postmaster.pid in its data directory; MariaDB's pid_file,
   * which a relative setting names inside its datadir.
   */
  private static Path pidFile(Db db, Connection admin) throws SQLException {
    if (db.postgres()) {
      return Path.of(BenchMain.queryString(admin, "SHOW data_directory"), "postmaster.pid");
    }
    return Path.of(BenchMain.queryString(admin, "SELECT @@datadir"))
        .resolve(BenchMain.queryString(admin, "SELECT @@pid_file"));
  }

  boolean available() {
    return serverPid > 0;
  }

  /** Milliseconds of CPU the server has used so far (all its processes), or -1. */
  long serverMillis() {
    if (!available()) {
      return -1;
    }
    long total = ticks(serverPid, true);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid != serverPid && parent(pid) == serverPid) {
          long t = ticks(pid, false);
          total += Math.max(0, t);
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total * 1000 / TICKS_PER_SECOND;
  }

  /** Milliseconds of CPU this JVM has used so far (every thread), or -1. */
  static long jvmMillis() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1_000_000;
    }
    return -1;
  }

  /** utime + stime (+ cutime + cstime) of a process, in ticks; -1 when it cannot be read. */
  private static long ticks(long pid, boolean withChildren) {
    String[] f = stat(pid);
    if (f == null) {
      return -1;
    }
    long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (withChildren) {
      t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return t;
  }

  private static long parent(long pid) {
    String[] f = stat(pid);
    return f == null ? -1 : Long.parseLong(f[1]);
  }

  /** The fields of /proc/PID/stat after the command name (field 3, state, is index 0). */
  private static String[] stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return s.substring(s.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
