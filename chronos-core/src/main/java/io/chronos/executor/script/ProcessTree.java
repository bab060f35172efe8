package io.chronos.executor.script;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A script process and every process it started. On Linux the script is started as the leader of a
 * session of its own ({@code setsid}), and every process still in that session belongs to the tree,
 * even after its parent died and it was re-parented. Descendants are also remembered while the
 * script runs ({@link #track()}), for systems without {@code /proc}. A process that starts a
 * session of its own (a daemon) escapes both: contain such scripts with cgroups or a container.
 */
final class ProcessTree {
  private static final Path PROC = Path.of("/proc");

  private final ProcessHandle root;
  private final boolean ownSession;
  // pid -> handle; a handle carries the start time, so a re-used pid is never killed by mistake.
  private final Map<Long, ProcessHandle> known = new LinkedHashMap<>();

  /**
   * @param ownSession true when the root leads a session of its own (its session id is its pid)
   */
  ProcessTree(ProcessHandle root, boolean ownSession) {
    this.root = root;
    this.ownSession = ownSession && Files.isDirectory(PROC);
    known.put(root.pid(), root);
  }

  /** Remembers the processes now running under the script (and under any known process). */
  synchronized void track() {
    for (ProcessHandle handle : List.copyOf(known.values())) {
      if (handle.isAlive()) {
        handle.descendants().forEach(d -> known.putIfAbsent(d.pid(), d));
      }
    }
    if (ownSession) {
      sessionMembers().forEach(h -> known.putIfAbsent(h.pid(), h));
    }
  }

  /** The processes of the tree still alive, the root first. */
  synchronized List<ProcessHandle> alive() {
    List<ProcessHandle> alive = new ArrayList<>();
    for (ProcessHandle handle : known.values()) {
      if (handle.isAlive()) {
        alive.add(handle);
      }
    }
    return alive;
  }

  /**
   * Stops every process of the tree: SIGTERM to all, then SIGKILL to those still alive after the
   * grace period (at once if the calling thread is interrupted meanwhile). Returns how many
   * processes were alive when the kill began. The calling thread's interrupt flag is kept.
   */
  int kill(Duration grace) {
    track();
    List<ProcessHandle> targets = alive();
    if (targets.isEmpty()) {
      return 0;
    }
    // Parents first: a shell that dies of SIGTERM cannot go on to its next command when the child
    // it waits for is killed.
    targets.forEach(ProcessHandle::destroy);
    boolean interrupted = awaitExit(targets, grace);
    // Again: a process may have started a child while it was being stopped.
    track();
    List<ProcessHandle> remaining = alive();
    remaining.forEach(ProcessHandle::destroyForcibly);
    if (!remaining.isEmpty()) {
      interrupted |= awaitExit(remaining, Duration.ofSeconds(5));
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return targets.size();
  }

  /** Waits for the processes to exit; returns true if interrupted meanwhile. */
  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    boolean interrupted = Thread.interrupted();
    if (interrupted || timeout.isZero()) {
      return interrupted;
    }
    CompletableFuture<?>[] exits =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return true;
    } catch (ExecutionException | TimeoutException e) {
      // Some did not stop in time: the caller forces them.
    }
    return false;
  }

  /** The live processes whose session id is the root's pid, read from /proc. */
  private List<ProcessHandle> sessionMembers() {
    List<ProcessHandle> members = new ArrayList<>();
    String session = Long.toString(root.pid());
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        String stat;
        try {
          stat = Files.readString(entry.resolve("stat"));
        } catch (IOException | RuntimeException e) {
          continue; // gone meanwhile
        }
        // pid (comm) state ppid pgrp session ...: comm may hold spaces, so split after the ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (fields.length > 3 && fields[3].equals(session) && !fields[0].equals("Z")) {
          ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(members::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      // No /proc to read: the tracked descendants are all we know.
    }
    return members;
  }

  /** The script's own process id. */
  long pid() {
    return root.pid();
  }
}
