package io.chronos.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The child side of scenario 6 (start-up cost): the main class of every child JVM. It calls the
 * application's own {@code main} (the first argument; the rest are passed on), which returns once
 * {@code SpringApplication.run} has returned, that is after the application runners ran and the
 * {@code ApplicationReadyEvent} was published. Then it prints one line, {@link #MARKER} followed by
 * tab-separated {@code key=value} pairs, and returns; the web server's threads keep the JVM alive
 * until the harness stops it.
 *
 * <p>Runs with the application's class path plus a directory holding only this class and {@link
 * StartupBaselineApplication}: it must not use anything but the JDK.
 */
public final class StartupProbe {
  static final String MARKER = "CHRONOS-STARTUP-PROBE";

  private StartupProbe() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: StartupProbe <main class> [application args]");
    }
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    long readyUptime = ManagementFactory.getRuntimeMXBean().getUptime();
    Map<String, String> figures = measure(readyUptime);
    figures.put(
        "probeMs", Long.toString(ManagementFactory.getRuntimeMXBean().getUptime() - readyUptime));
    System.out.println(MARKER + "\t" + format(figures));
    System.out.flush();
  }

  /**
   * The figures when the application is ready (its uptime then given), in the order they are taken;
   * {@code probeMs} is added after them: the harness subtracts it from the time it saw the line.
   */
  static Map<String, String> measure(long readyUptimeMs) {
    RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("uptimeMs", Long.toString(readyUptimeMs));
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      m.put(
          "cpuMs",
          Long.toString(
              ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1_000_000));
    }
    String status = procStatus();
    m.put("rssKb", Long.toString(statusKb(status, "VmRSS")));
    m.put("peakRssKb", Long.toString(statusKb(status, "VmHWM")));
    m.put("threads", Integer.toString(ManagementFactory.getThreadMXBean().getThreadCount()));
    m.put(
        "classes",
        Integer.toString(ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    m.put("heapUsedBytes", Long.toString(memory.getHeapMemoryUsage().getUsed()));
    m.put("heapCommittedBytes", Long.toString(memory.getHeapMemoryUsage().getCommitted()));
    // Live data: what is left after a full collection (G1 and the other collectors of JDK 17 do a
    // full collection on System.gc() unless -XX:+ExplicitGCInvokesConcurrent or
    // -XX:+DisableExplicitGC).
    System.gc();
    System.gc();
    m.put("heapLiveBytes", Long.toString(memory.getHeapMemoryUsage().getUsed()));
    m.put("nonHeapUsedBytes", Long.toString(memory.getNonHeapMemoryUsage().getUsed()));
    m.put("maxHeapBytes", Long.toString(memory.getHeapMemoryUsage().getMax()));
    m.put("rssAfterGcKb", Long.toString(statusKb(procStatus(), "VmRSS")));
    m.put(
        "gc",
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(b -> b.getName())
            .collect(Collectors.joining(", ")));
    m.put("vm", runtime.getVmName() + " " + System.getProperty("java.runtime.version"));
    m.put("jvmArgs", String.join(" ", runtime.getInputArguments()));
    m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return m;
  }

  static String format(Map<String, String> figures) {
    return figures.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().replace('\t', ' ').replace('\n', ' '))
        .collect(Collectors.joining("\t"));
  }

  /** The figures of a probe line, or null when the line is not one. */
  static Map<String, String> parse(String line) {
    if (line == null || !line.startsWith(MARKER + "\t")) {
      return null;
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : line.substring(MARKER.length() + 1).split("\t")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return m;
  }

  static String procStatus() {
    try {
      return Files.readString(Path.of("/proc/self/status"));
    } catch (IOException | RuntimeException e) {
      return ""; // not Linux: the RSS columns say n/a
    }
  }

  /** A {@code kB} field of /proc/[pid]/status ({@code VmRSS: 123456 kB}), or -1 when absent. */
  static long statusKb(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field + ":")) {
        String value = line.substring(field.length() + 1).trim();
        int space = value.indexOf(' ');
        try {
          return Long.parseLong(space < 0 ? value : value.substring(0, space));
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }
}
