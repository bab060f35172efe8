package io.chronos.executor.script;

import io.chronos.run.LogLevel;
import io.chronos.spi.ExecutionContext;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * Runs one process to its end: argument list (no shell in between), a given environment only,
 * output streamed into the run log, and the whole process tree killed when the run is stopped,
 * reaches its deadline, or leaves processes behind.
 */
final class ProcessRunner {
  private static final long TRACK_INTERVAL_MS = 100;
  private static final Duration PUMP_DRAIN = Duration.ofSeconds(2);
  private static final Duration STOP_SIGNAL_WAIT = Duration.ofSeconds(1);

  /** How a process ended: its exit code and the last line it wrote to stderr. */
  record Result(int exitCode, @Nullable String lastErrorLine) {}

  private enum End {
    EXITED,
    STOPPED,
    DEADLINE
  }

  /** util-linux's setsid: starts the script as the leader of a session of its own, if present. */
  private static final String SETSID =
      Stream.of("/usr/bin/setsid", "/bin/setsid")
          .filter(p -> Files.isExecutable(Path.of(p)))
          .findFirst()
          .orElse(null);

  private final ScriptSettings settings;

  ProcessRunner(ScriptSettings settings) {
    this.settings = settings;
  }

  /**
   * Runs the command. Throws InterruptedException when the run was stopped or reached its deadline
   * (after the process tree is gone), so the engine reports it as cancelled or timed out.
   */
  Result run(List<String> command, Path workingDir, Map<String, String> env, ExecutionContext ctx)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (SETSID != null) {
      // The JVM's child is never a process group leader, so setsid execs in place: the process
      // started is the script itself, and its pid is the new session's id.
      full.add(SETSID);
    }
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(workingDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    ProcessTree tree = new ProcessTree(process.toHandle(), SETSID != null);
    OutputPump.Budget budget =
        new OutputPump.Budget(settings.maxOutputLines(), settings.maxOutputBytes());
    OutputPump out =
        new OutputPump(
            process.getInputStream(),
            LogLevel.INFO,
            "stdout",
            budget,
            ctx.log(),
            settings.maxLineLength());
    OutputPump err =
        new OutputPump(
            process.getErrorStream(),
            LogLevel.WARN,
            "stderr",
            budget,
            ctx.log(),
            settings.maxLineLength());
    Thread outThread = start(out, "chronos-script-stdout-" + process.pid());
    Thread errThread = start(err, "chronos-script-stderr-" + process.pid());

    End end = await(process, tree, ctx);
    int killed = tree.kill(settings.killGrace());
    drain(outThread, errThread);
    String dropped = budget.droppedSummary();
    if (dropped != null) {
      ctx.log().warn(dropped);
    }
    switch (end) {
      case STOPPED -> {
        ctx.log().warn("script stopped: " + killed + " processes killed");
        throw new InterruptedException("script stopped");
      }
      case DEADLINE -> {
        ctx.log().warn("script reached the run's deadline: " + killed + " processes killed");
        awaitStopSignal(ctx);
        throw new InterruptedException("script reached the run's deadline");
      }
      case EXITED -> {
        if (killed > 0) {
          ctx.log().warn(killed + " processes the script left running were killed");
        }
      }
    }
    return new Result(process.exitValue(), err.lastLine());
  }

  private End await(Process process, ProcessTree tree, ExecutionContext ctx) {
    Instant deadline = ctx.deadline().orElse(null);
    try {
      while (!process.waitFor(TRACK_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
        tree.track();
        if (ctx.isCancelled()) {
          return End.STOPPED;
        }
        if (deadline != null && !ctx.clock().instant().isBefore(deadline)) {
          return End.DEADLINE;
        }
      }
      return End.EXITED;
    } catch (InterruptedException e) {
      return End.STOPPED;
    }
  }

  /**
   * The engine's timer fires at the deadline too and interrupts the worker: waiting for its signal
   * lets it report TIMED_OUT rather than an unexplained interruption.
   */
  private static void awaitStopSignal(ExecutionContext ctx) {
    long end = System.nanoTime() + STOP_SIGNAL_WAIT.toNanos();
    try {
      while (!ctx.isCancelled() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      // The signal arrived.
    }
  }

  /** Lets the pumps log what the processes wrote before they died, for a bounded time. */
  private static void drain(Thread... pumps) {
    long end = System.nanoTime() + PUMP_DRAIN.toNanos();
    boolean interrupted = false;
    for (Thread pump : pumps) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
      try {
        pump.join(left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    // A process that escaped the tree may still hold a pipe: its pump ends with the pipe.
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread start(Runnable pump, String name) {
    Thread thread = new Thread(pump, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
