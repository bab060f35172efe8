package io.chronos.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scenario 6 of issue #6, start-up cost: the sample application's time to ready and memory with
 * Chronos, against the same application without it, each in its own child JVM.
 *
 * <p>Run alone with {@code mvn -pl chronos-benchmarks -am -q compile exec:java
 * -Dexec.mainClass=io.chronos.benchmarks.StartupScenario} (add {@code -Dbench.quick=true} for one
 * round). Knobs: {@code bench.startup.rounds} (5, quick 1), {@code bench.startup.warmup}
 * (unmeasured launches of each variant before the rounds, 1), {@code bench.startup.jvmArgs}
 * (space-separated flags for every child, none by default: the JVM's defaults), {@code
 * bench.startup.timeoutSeconds} (per launch, 120), {@code bench.startup.out} (where {@link #main}
 * writes the section), {@code bench.startup.logs} (directory of the children's logs).
 */
public final class StartupScenario {
  static final String SAMPLE_MAIN = "io.chronos.sample.SampleApplication";

  /** Chronos's own modules: on the "with" class path, not on the "without" one. */
  static final List<String> CHRONOS_MODULES =
      List.of("chronos-core", "chronos-spring-boot-starter", "chronos-sample-app");

  /**
   * Libraries on the sample application's class path only because of Chronos: the difference
   * between {@code mvn dependency:list} of chronos-sample-app and of the same dependencies without
   * chronos-spring-boot-starter (plus spring-boot-starter-jdbc, which the application would then
   * declare itself for its DataSource). Checked against the class path at run time (a coordinate
   * not found is reported); a library Chronos starts to bring is not detected, so update this list
   * with Chronos's dependencies.
   */
  static final List<String> CHRONOS_ONLY_LIBRARIES =
      List.of(
          "org.quartz-scheduler:quartz",
          "org.flywaydb:flyway-core",
          "org.flywaydb:flyway-database-postgresql",
          "org.flywaydb:flyway-mysql",
          "com.github.f4b6a3:ulid-creator",
          "com.google.code.findbugs:jsr305",
          "com.fasterxml.jackson.core:jackson-core",
          "com.fasterxml.jackson.core:jackson-databind",
          "com.fasterxml.jackson.datatype:jackson-datatype-jsr310",
          "jakarta.xml.bind:jakarta.xml.bind-api",
          "jakarta.activation:jakarta.activation-api",
          "org.springframework:spring-context-support");

  /** On exec:java's class path for the other scenarios, not on the sample application's. */
  static final List<String> BENCHMARK_ONLY_LIBRARIES =
      List.of("com.github.kagkarlsson:db-scheduler");

  /** The three ways the application is started in each round, in this order. */
  enum Variant {
    WITH_FIRST("with Chronos, first start", "fresh H2 file: Chronos's migrations run"),
    WITHOUT("without Chronos", "fresh H2 file, no Chronos"),
    WITH_SECOND("with Chronos, second start", "the H2 file of this round's first start");

    final String label;
    final String database;

    Variant(String label, String database) {
      this.label = label;
      this.database = database;
    }

    boolean chronos() {
      return this != WITHOUT;
    }
  }

  /** One child JVM: what it reported when ready, and what the harness saw. */
  record Launch(
      Variant variant,
      int round,
      Map<String, String> figures,
      double wallSeconds,
      double stopSeconds,
      double migrationSeconds) {

    double number(String key) {
      String v = figures.get(key);
      if (v == null) {
        return Double.NaN;
      }
      double d = Double.parseDouble(v);
      return d < 0 ? Double.NaN : d;
    }

    double readySeconds() {
      return number("uptimeMs") / 1000;
    }

    double cpuSeconds() {
      return number("cpuMs") / 1000;
    }

    double heapLiveMib() {
      return number("heapLiveBytes") / MIB;
    }

    double heapAtReadyMib() {
      return number("heapUsedBytes") / MIB;
    }

    double nonHeapMib() {
      return number("nonHeapUsedBytes") / MIB;
    }

    double rssMib() {
      return number("rssKb") / 1024;
    }

    double classes() {
      return number("classes");
    }

    double threads() {
      return number("threads");
    }
  }

  /** The knobs of a run, for the report. */
  record Settings(
      int roundsAsked,
      int roundsRun,
      int warmup,
      int budgetSeconds,
      List<String> jvmArgs,
      String loadAverage) {}

  /** The children's class paths. */
  record ClassPaths(List<String> with, List<String> without, List<String> removed) {}

  static final double MIB = 1024.0 * 1024.0;

  private StartupScenario() {}

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.fromSystemProperties();
    Section section = run(config);
    System.out.println(section.markdown());
    Path out =
        Path.of(
            System.getProperty(
                "bench.startup.out",
                root()
                    .resolve(
                        config.quick()
                            ? "chronos-benchmarks/target/benchmarks-startup-quick.md"
                            : "chronos-benchmarks/target/benchmarks-startup.md")
                    .toString()));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, section.markdown());
    BenchMain.log("scenario 6 written to %s", out);
    System.exit(0);
  }

  static Section run(BenchConfig config) throws Exception {
    int rounds = Integer.getInteger("bench.startup.rounds", config.quick() ? 1 : 5);
    int warmup = Integer.getInteger("bench.startup.warmup", config.quick() ? 0 : 1);
    int budget = Integer.getInteger("bench.startup.budgetSeconds", config.quick() ? 45 : 150);
    int timeout = Integer.getInteger("bench.startup.timeoutSeconds", 120);
    List<String> jvmArgs = words(System.getProperty("bench.startup.jvmArgs", ""));
    Path logs =
        Path.of(
            System.getProperty(
                "bench.startup.logs",
                root().resolve("chronos-benchmarks/target/startup-logs").toString()));
    Files.createDirectories(logs);

    List<String> parent = parentClassPath();
    Path ownClasses = codeSource(StartupScenario.class);
    ClassPaths paths = classPaths(parent, ownClasses.toString());
    checkSampleIsClassesDirectory(paths.with());
    List<String> missing = missingCoordinates(parent);
    if (!missing.isEmpty()) {
      BenchMain.log("WARNING scenario 6: not on the class path (list out of date?): %s", missing);
    }

    Path work = Files.createTempDirectory("chronos-startup-");
    Path probeDir = copyProbeClasses(work.resolve("probe"));
    BenchMain.log(
        "scenario 6, start-up cost: %d rounds (+%d warm-up), JVM flags [%s], class path %d"
            + " entries with Chronos, %d without; logs in %s",
        rounds,
        warmup,
        String.join(" ", jvmArgs),
        paths.with().size(),
        paths.without().size(),
        logs);

    Map<Variant, List<Launch>> results = new LinkedHashMap<>();
    for (Variant v : Variant.values()) {
      results.put(v, new ArrayList<>());
    }
    long begin = System.nanoTime();
    String loadBefore = loadAverage();
    int roundsRun = 0;
    try {
      for (int w = 1; w <= warmup; w++) {
        // The class path with Chronos holds every file the other variant reads.
        Variant v = Variant.WITH_FIRST;
        Launch l =
            launch(v, -w, jvmArgs, paths, probeDir, work.resolve("warmup-" + w), logs, timeout);
        BenchMain.log("warm-up %-28s %s", v.label, summary(l));
      }
      double lastRound = 0;
      for (int round = 1; round <= rounds; round++) {
        double elapsed = (System.nanoTime() - begin) / 1e9;
        if (round > 1 && elapsed + lastRound > budget) {
          BenchMain.log(
              "WARNING scenario 6: %d of %d rounds run; another (%.0f s) would pass the %d s budget"
                  + " (bench.startup.budgetSeconds)",
              roundsRun, rounds, lastRound, budget);
          break;
        }
        long roundStart = System.nanoTime();
        Path withDir = work.resolve("round-" + round + "-with");
        for (Variant v : Variant.values()) {
          Path dir = v.chronos() ? withDir : work.resolve("round-" + round + "-without");
          Launch l = launch(v, round, jvmArgs, paths, probeDir, dir, logs, timeout);
          results.get(v).add(l);
          BenchMain.log("round %d %-28s %s", round, v.label, summary(l));
        }
        roundsRun++;
        lastRound = (System.nanoTime() - roundStart) / 1e9;
      }
    } finally {
      deleteTree(work);
    }
    return new Section(
        render(
            new Settings(
                rounds, roundsRun, warmup, budget, jvmArgs, loadBefore + " → " + loadAverage()),
            paths,
            results),
        List.of());
  }

  static String summary(Launch l) {
    return String.format(
        Locale.ROOT,
        "ready %.2f s (wall %.2f s), CPU %.2f s, heap live %.0f MiB, RSS %.0f MiB, %d classes,"
            + " %d threads, stop %.2f s",
        l.readySeconds(),
        l.wallSeconds(),
        l.cpuSeconds(),
        l.heapLiveMib(),
        l.rssMib(),
        (long) l.classes(),
        (long) l.threads(),
        l.stopSeconds());
  }

  // ---------------------------------------------------------------- launching a child

  static Launch launch(
      Variant variant,
      int round,
      List<String> jvmArgs,
      ClassPaths paths,
      Path probeDir,
      Path dataDir,
      Path logs,
      int timeoutSeconds)
      throws Exception {
    Files.createDirectories(dataDir);
    List<String> classPath = new ArrayList<>(variant.chronos() ? paths.with() : paths.without());
    classPath.add(probeDir.toString());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(StartupProbe.class.getName());
    command.add(variant.chronos() ? SAMPLE_MAIN : StartupBaselineApplication.class.getName());
    command.addAll(applicationArgs(dataDir));

    String name = (round < 0 ? "warmup" + -round : "round" + round) + "-" + variant.name();
    Path log = logs.resolve(name.toLowerCase(Locale.ROOT) + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.directory(dataDir.toFile());
    CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
    Deque<String> tail = new ArrayDeque<>();
    Migrations migrations = new Migrations();
    long start = System.nanoTime();
    Process p = pb.start();
    Thread reader =
        new Thread(() -> pump(p.getInputStream(), log, ready, tail, migrations), "startup-" + name);
    reader.setDaemon(true);
    reader.start();
    Map<String, String> figures;
    double wall;
    try {
      figures = awaitReady(p, ready, timeoutSeconds, tail, name);
      // The probe measures (two full GCs among others) before it prints: not start-up.
      double probe =
          figures.containsKey("probeMs") ? Double.parseDouble(figures.get("probeMs")) : 0;
      wall = (System.nanoTime() - start) / 1e9 - probe / 1000;
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
    long stopStart = System.nanoTime();
    p.destroy(); // SIGTERM: Spring's shutdown hook closes the context, Chronos stops gracefully
    double stop;
    if (p.waitFor(60, TimeUnit.SECONDS)) {
      stop = (System.nanoTime() - stopStart) / 1e9;
    } else {
      BenchMain.log("WARNING %s did not stop within 60 s; killed", name);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      stop = Double.NaN;
    }
    reader.join(5000);
    return new Launch(variant, round, figures, wall, stop, migrations.seconds());
  }

  /**
   * The command-line arguments of both applications: their own H2 file, any free port. The sample's
   * URL plus {@code DB_CLOSE_ON_EXIT=FALSE}: by default H2 closes the database in its own shutdown
   * hook, at the same time as Spring's; Chronos's threads then fail on a closed database and the
   * node's stop takes seconds, and the second start would open a file closed mid-write.
   */
  static List<String> applicationArgs(Path dataDir) {
    return List.of(
        "--spring.datasource.url=jdbc:h2:file:"
            + dataDir.toAbsolutePath().resolve("chronos")
            + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE",
        "--server.port=0");
  }

  static Map<String, String> awaitReady(
      Process p,
      CompletableFuture<Map<String, String>> ready,
      int timeoutSeconds,
      Deque<String> tail,
      String name)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      try {
        return ready.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!p.isAlive() && !ready.isDone()) {
          Thread.sleep(200); // let the reader drain the last lines
          if (!ready.isDone()) {
            throw new IllegalStateException(
                name
                    + " exited with "
                    + p.exitValue()
                    + " before ready; last lines:\n"
                    + tail(tail));
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              name + " not ready within " + timeoutSeconds + " s; last lines:\n" + tail(tail));
        }
      }
    }
  }

  private static String tail(Deque<String> tail) {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }

  /** Copies the child's output to its log file, keeps a tail, and completes on the probe line. */
  static void pump(
      InputStream in,
      Path log,
      CompletableFuture<Map<String, String>> ready,
      Deque<String> tail,
      Migrations migrations) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        w.println(line);
        w.flush();
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > 40) {
            tail.removeFirst();
          }
        }
        migrations.add(migrationSeconds(line));
        Map<String, String> figures = StartupProbe.parse(line);
        if (figures != null) {
          ready.complete(figures);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(new UncheckedIOException(e));
    }
  }

  /** The sum of the Flyway migration times a child logged; NaN when it logged none. */
  static final class Migrations {
    private double sum = Double.NaN;

    synchronized void add(double seconds) {
      if (!Double.isNaN(seconds)) {
        sum = Double.isNaN(sum) ? seconds : sum + seconds;
      }
    }

    synchronized double seconds() {
      return sum;
    }
  }

  private static final Pattern FLYWAY_APPLIED =
      Pattern.compile(
          "Successfully applied \\d+ migrations? .*\\(execution time (\\d+):(\\d+)\\.(\\d+)s\\)");

  /**
   * Flyway's own account of a migration, from its log line ({@code Successfully applied 5
   * migrations to schema "chronos", now at version v5 (execution time 00:00.123s)}), in seconds;
   * NaN for any other line.
   */
  static double migrationSeconds(String line) {
    Matcher m = FLYWAY_APPLIED.matcher(line);
    if (!m.find()) {
      return Double.NaN;
    }
    return Integer.parseInt(m.group(1)) * 60
        + Integer.parseInt(m.group(2))
        + Double.parseDouble("0." + m.group(3));
  }

  // ---------------------------------------------------------------- class paths

  /**
   * The class path this JVM's benchmark classes were loaded from: under exec:java the entries of
   * its class loader (java.class.path is Maven's own there), else java.class.path.
   */
  static List<String> parentClassPath() throws URISyntaxException {
    ClassLoader loader = StartupScenario.class.getClassLoader();
    if (loader instanceof URLClassLoader) {
      List<String> entries = new ArrayList<>();
      for (URL url : ((URLClassLoader) loader).getURLs()) {
        entries.add(Path.of(url.toURI()).toString());
      }
      if (!entries.isEmpty()) {
        return entries;
      }
    }
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(s -> !s.isEmpty())
        .toList();
  }

  static Path codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /**
   * With Chronos: this JVM's class path minus the benchmark module's own classes and libraries.
   * Without: that minus Chronos's modules and the libraries only Chronos brings.
   */
  static ClassPaths classPaths(List<String> parent, String ownClasses) {
    Path own = Path.of(ownClasses).normalize();
    List<String> with = new ArrayList<>();
    for (String e : parent) {
      if (Path.of(e).normalize().equals(own)
          || BENCHMARK_ONLY_LIBRARIES.stream().anyMatch(c -> isArtifact(e, c))
          || isModule(e, "chronos-benchmarks")) {
        continue;
      }
      with.add(e);
    }
    List<String> without = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (String e : with) {
      if (CHRONOS_MODULES.stream().anyMatch(m -> isModule(e, m))
          || CHRONOS_ONLY_LIBRARIES.stream().anyMatch(c -> isArtifact(e, c))) {
        removed.add(e);
      } else {
        without.add(e);
      }
    }
    return new ClassPaths(with, without, removed);
  }

  /** A jar in a Maven repository layout ({@code .../org/flywaydb/flyway-core/11.1/x.jar}). */
  static boolean isArtifact(String entry, String coordinate) {
    String[] ga = coordinate.split(":");
    String dir = "/" + ga[0].replace('.', '/') + "/" + ga[1] + "/";
    return entry.replace('\\', '/').contains(dir) && entry.endsWith(".jar");
  }

  /** A module's classes in the reactor ({@code .../chronos-core/target/classes}) or its jar. */
  static boolean isModule(String entry, String module) {
    String e = entry.replace('\\', '/');
    while (e.endsWith("/")) {
      e = e.substring(0, e.length() - 1);
    }
    return e.endsWith("/" + module + "/target/classes")
        || e.endsWith("/" + module + "/target/test-classes")
        || isArtifact(e, "io.chronos:" + module);
  }

  static List<String> missingCoordinates(List<String> classPath) {
    List<String> missing = new ArrayList<>();
    for (String c : CHRONOS_ONLY_LIBRARIES) {
      if (classPath.stream().noneMatch(e -> isArtifact(e, c))) {
        missing.add(c);
      }
    }
    for (String m : CHRONOS_MODULES) {
      if (classPath.stream().noneMatch(e -> isModule(e, m))) {
        missing.add("io.chronos:" + m);
      }
    }
    return missing;
  }

  static void checkSampleIsClassesDirectory(List<String> with) {
    for (String e : with) {
      if (isModule(e, "chronos-sample-app") && !Files.isDirectory(Path.of(e))) {
        throw new IllegalStateException(
            "chronos-sample-app is on the class path as "
                + e
                + ", a Spring Boot fat jar whose classes a plain class path cannot load; run in the"
                + " reactor: mvn -pl chronos-benchmarks -am -q compile exec:java ...");
      }
    }
  }

  /**
   * A directory holding only what the children need of this module: two classes and the baseline's
   * configuration file.
   */
  static Path copyProbeClasses(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(StartupBaselineApplication.CONFIG_NAME + ".yml"),
        StartupBaselineApplication.CONFIG);
    for (Class<?> c : List.of(StartupProbe.class, StartupBaselineApplication.class)) {
      String resource = c.getName().replace('.', '/') + ".class";
      Path target = dir.resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("class file not found: " + resource);
        }
        Files.copy(in, target);
      }
    }
    return dir;
  }

  // ---------------------------------------------------------------- the report

  static String render(Settings settings, ClassPaths paths, Map<Variant, List<Launch>> results) {
    StringBuilder md = new StringBuilder();
    md.append("### Scenario 6: start-up cost\n\n");
    md.append(
        "Each launch is a child JVM (this JVM's `java`, the same flags for every variant) started"
            + " with `StartupProbe` as main class, which calls the application's own `main` and,"
            + " once `SpringApplication.run` has returned (application runners done,"
            + " `ApplicationReadyEvent` published), prints the JVM's uptime and process CPU time,"
            + " RSS (`/proc/self/status`), loaded classes and live threads, then heap"
            + " used after two `System.gc()` (live data) and non-heap used (metaspace, code cache);"
            + " the harness then stops the child with SIGTERM and times its exit. **With Chronos**"
            + " is `chronos-sample-app` unchanged (`SampleApplication`: starter, web, actuator,"
            + " Prometheus, H2; one `@ChronosJob`, three demo jobs created at start-up) on its own"
            + " class path; its *first start* gets a fresh H2 file (Chronos's Flyway migrations run),"
            + " its *second start* reuses that file (migrations validated, jobs found). **Without"
            + " Chronos** is `StartupBaselineApplication`: the sample's `application.yml` minus"
            + " `chronos.*` (also a YAML file), on the same class path minus Chronos's modules and the libraries"
            + " only Chronos brings (what dropping the starter dependency does), with one runner"
            + " that opens a pool connection so that both variants pay for H2 and HikariCP. The"
            + " sample cannot simply run with Chronos's auto-configuration excluded: its two beans"
            + " need the `Chronos` bean. Both get `--server.port=0` and an H2 file in a fresh"
            + " temporary directory (the sample's H2 URL plus `DB_CLOSE_ON_EXIT=FALSE`, so that"
            + " H2's shutdown hook does not close the database under Chronos while Spring stops it)."
            + " Rounds run the three launches in the order below, after "
            + settings.warmup()
            + " unmeasured warm-up launch(es) with Chronos (its class path holds every file the"
            + " other reads); a round is not started when the previous one's duration would pass"
            + " the time budget. Figures are the median (min–max)"
            + " of the rounds; \"Chronos adds\" is the median (min–max) of each round's difference"
            + " to that round's launch without Chronos, and the ratio is of the medians.\n\n");

    Launch any = results.values().stream().flatMap(List::stream).findFirst().orElse(null);
    md.append("| setting | value |\n|---|---|\n");
    row(
        md,
        "rounds (with first, without, with second)",
        settings.roundsRun() == settings.roundsAsked()
            ? String.valueOf(settings.roundsRun())
            : settings.roundsRun()
                + " of "
                + settings.roundsAsked()
                + " asked (the next would have passed the "
                + settings.budgetSeconds()
                + " s budget, bench.startup.budgetSeconds)");
    row(md, "warm-up launches (with Chronos, unmeasured)", String.valueOf(settings.warmup()));
    if (any != null) {
      row(md, "JVM", any.figures().getOrDefault("vm", "?"));
      String args = any.figures().getOrDefault("jvmArgs", "");
      row(
          md,
          "JVM flags (both variants)",
          args.isBlank() ? "none (JVM defaults)" : "`" + args + "`");
      row(md, "garbage collector", any.figures().getOrDefault("gc", "?"));
      row(
          md,
          "max heap",
          String.format(Locale.ROOT, "%,.0f MiB", any.number("maxHeapBytes") / MIB));
      row(md, "CPU cores (child JVM sees)", any.figures().getOrDefault("cpus", "?"));
    } else {
      row(md, "JVM flags (both variants)", String.join(" ", settings.jvmArgs()));
    }
    row(md, "load average (1, 5, 15 min), start → end of the scenario", settings.loadAverage());
    row(md, "class path with Chronos", paths.with().size() + " entries");
    row(
        md,
        "class path without Chronos",
        paths.without().size()
            + " entries; removed: "
            + paths.removed().stream()
                .map(StartupScenario::shortName)
                .collect(Collectors.joining(", ")));
    row(
        md,
        "application arguments (both)",
        "`--spring.datasource.url=jdbc:h2:file:<fresh dir>/chronos;AUTO_SERVER=FALSE;"
            + "DB_CLOSE_ON_EXIT=FALSE --server.port=0`");
    md.append('\n');

    md.append(
        "| variant | ready, s (JVM uptime) | launch → ready, s (wall) | CPU to ready, s | heap live"
            + " after GC, MiB | non-heap, MiB | RSS at ready, MiB | loaded classes | threads |"
            + " stop, s |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<Variant, List<Launch>> e : results.entrySet()) {
      List<Launch> ls = e.getValue();
      md.append("| ")
          .append(e.getKey().label)
          .append(" | ")
          .append(fmt(ls, Launch::readySeconds, 2))
          .append(" | ")
          .append(fmt(ls, Launch::wallSeconds, 2))
          .append(" | ")
          .append(fmt(ls, Launch::cpuSeconds, 2))
          .append(" | ")
          .append(fmt(ls, Launch::heapLiveMib, 1))
          .append(" | ")
          .append(fmt(ls, Launch::nonHeapMib, 1))
          .append(" | ")
          .append(fmt(ls, Launch::rssMib, 0))
          .append(" | ")
          .append(fmt(ls, Launch::classes, 0))
          .append(" | ")
          .append(fmt(ls, Launch::threads, 0))
          .append(" | ")
          .append(fmt(ls, Launch::stopSeconds, 2))
          .append(" |\n");
    }
    md.append('\n');
    md.append(
        "Ready: the JVM's uptime when `SpringApplication.run` returned. Launch → ready: the"
            + " harness's clock from `ProcessBuilder.start()` to the probe's line, less the probe's"
            + " own measuring; it adds the JVM's start before its uptime begins. CPU: the process's"
            + " CPU time (all threads: JIT, GC, application), the figure least disturbed by other"
            + " load on the machine. Stop: SIGTERM to exit; Chronos's graceful shutdown waits for"
            + " running runs, and at the second start the demo jobs' fires missed while no node"
            + " ran are due at once (`demo-sleep` runs 5 s), so that column is not start-up cost."
            + "\n\n");

    List<Launch> without = results.get(Variant.WITHOUT);
    md.append(
        "| Chronos adds | ready, s | CPU, s | heap live, MiB | non-heap, MiB | RSS at ready, MiB |"
            + " loaded classes | threads |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Variant v : List.of(Variant.WITH_FIRST, Variant.WITH_SECOND)) {
      List<Launch> with = results.get(v);
      md.append("| ")
          .append(v == Variant.WITH_FIRST ? "first start" : "second start")
          .append(" | ")
          .append(delta(with, without, Launch::readySeconds, 2))
          .append(" | ")
          .append(delta(with, without, Launch::cpuSeconds, 2))
          .append(" | ")
          .append(delta(with, without, Launch::heapLiveMib, 1))
          .append(" | ")
          .append(delta(with, without, Launch::nonHeapMib, 1))
          .append(" | ")
          .append(delta(with, without, Launch::rssMib, 0))
          .append(" | ")
          .append(delta(with, without, Launch::classes, 0))
          .append(" | ")
          .append(delta(with, without, Launch::threads, 0))
          .append(" |\n");
    }
    md.append('\n');
    List<Double> migrations = values(results.get(Variant.WITH_FIRST), Launch::migrationSeconds);
    if (!migrations.isEmpty()) {
      md.append("Chronos's schema migrations on the fresh H2 file (Flyway's own execution time,")
          .append(" from the first start's log): ")
          .append(Stats.format(migrations, 2))
          .append(" s.\n\n");
    }
    return md.toString();
  }

  /** "median (min–max); ratio" of the per-round differences with - without. */
  static String delta(
      List<Launch> with, List<Launch> without, ToDoubleFunction<Launch> f, int decimals) {
    List<Double> diffs = new ArrayList<>();
    for (int i = 0; i < Math.min(with.size(), without.size()); i++) {
      double d = f.applyAsDouble(with.get(i)) - f.applyAsDouble(without.get(i));
      if (!Double.isNaN(d)) {
        diffs.add(d);
      }
    }
    if (diffs.isEmpty()) {
      return "n/a";
    }
    return signed(Stats.format(diffs, decimals))
        + "; "
        + Stats.ratio(Stats.median(values(with, f)), Stats.median(values(without, f)));
  }

  /** A leading "+" on a non-negative median, so that "adds" reads as a difference. */
  static String signed(String formatted) {
    return formatted.startsWith("-") || formatted.startsWith("n/a") ? formatted : "+" + formatted;
  }

  static String fmt(List<Launch> launches, ToDoubleFunction<Launch> f, int decimals) {
    return Stats.format(values(launches, f), decimals);
  }

  static List<Double> values(List<Launch> launches, ToDoubleFunction<Launch> f) {
    List<Double> v = new ArrayList<>();
    for (Launch l : launches) {
      double d = f.applyAsDouble(l);
      if (!Double.isNaN(d)) {
        v.add(d);
      }
    }
    return v;
  }

  /** A class path entry as a reader knows it: the jar's name, or the module of a classes dir. */
  static String shortName(String entry) {
    String e = entry.replace('\\', '/');
    for (String m : CHRONOS_MODULES) {
      if (isModule(e, m) && !e.endsWith(".jar")) {
        return m + " (classes)";
      }
    }
    return e.substring(e.lastIndexOf('/') + 1);
  }

  private static void row(StringBuilder md, String k, String v) {
    md.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }

  /** The first three fields of /proc/loadavg, or "n/a". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  static List<String> words(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  static Path root() {
    return Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      BenchMain.log("WARNING could not delete %s: %s", dir, e);
    }
  }
}
