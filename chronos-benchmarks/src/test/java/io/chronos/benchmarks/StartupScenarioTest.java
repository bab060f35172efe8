package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.benchmarks.StartupScenario.ClassPaths;
import io.chronos.benchmarks.StartupScenario.Launch;
import io.chronos.benchmarks.StartupScenario.Settings;
import io.chronos.benchmarks.StartupScenario.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupScenarioTest {
  private static final String REPO = "/root/.m2/repository/";

  @Test
  void probe_line_round_trips_and_other_lines_are_not_probe_lines() {
    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("uptimeMs", "4123");
    figures.put("gc", "G1 Young Generation, G1 Old Generation");
    figures.put("jvmArgs", "-Xmx512m\t-Dx=a=b");
    String line = StartupProbe.MARKER + "\t" + StartupProbe.format(figures);

    Map<String, String> parsed = StartupProbe.parse(line);

    assertThat(parsed)
        .containsEntry("uptimeMs", "4123")
        .containsEntry("gc", "G1 Young Generation, G1 Old Generation")
        .containsEntry("jvmArgs", "-Xmx512m -Dx=a=b");
    assertThat(StartupProbe.parse("2026-11-29 INFO Started SampleApplication")).isNull();
    assertThat(StartupProbe.parse(null)).isNull();
  }

  @Test
  void reads_kb_fields_of_proc_status() {
    String status = "Name:\tjava\nVmHWM:\t  301624 kB\nVmRSS:\t  246724 kB\nThreads:\t34\n";
    assertThat(StartupProbe.statusKb(status, "VmRSS")).isEqualTo(246724);
    assertThat(StartupProbe.statusKb(status, "VmHWM")).isEqualTo(301624);
    assertThat(StartupProbe.statusKb(status, "VmSwap")).isEqualTo(-1);
    assertThat(StartupProbe.statusKb("", "VmRSS")).isEqualTo(-1);
  }

  @Test
  void reads_flyway_execution_time() {
    assertThat(
            StartupScenario.migrationSeconds(
                "2026-11-29T22:05:23.531Z  INFO 11062 --- [main] o.f.core.internal.command.DbMigrate"
                    + " : Successfully applied 7 migrations to schema \"CHRONOS\", now at version"
                    + " v8 (execution time 00:01.448s)"))
        .isEqualTo(1.448);
    assertThat(
            StartupScenario.migrationSeconds(
                "Successfully applied 1 migration to schema \"X\" (execution time 01:02.05s)"))
        .isEqualTo(62.05);
    assertThat(
            StartupScenario.migrationSeconds(
                "Successfully validated 8 migrations (execution time 00:00.071s)"))
        .isNaN();
  }

  @Test
  void class_paths_drop_the_benchmark_then_chronos() {
    List<String> parent =
        List.of(
            "/w/chronos-benchmarks/target/classes",
            "/w/chronos-sample-app/target/classes",
            "/w/chronos-core/target/classes/",
            "/w/chronos-spring-boot-starter/target/classes",
            REPO + "com/github/kagkarlsson/db-scheduler/16.12.0/db-scheduler-16.12.0.jar",
            REPO + "org/quartz-scheduler/quartz/2.5.2/quartz-2.5.2.jar",
            REPO + "com/fasterxml/jackson/core/jackson-databind/2.21.4/jackson-databind-2.21.4.jar",
            REPO
                + "com/fasterxml/jackson/core/jackson-annotations/2.21/jackson-annotations-2.21.jar",
            REPO + "org/springframework/spring-context/7.0.8/spring-context-7.0.8.jar",
            REPO + "org/springframework/spring-context-support/7.0.8/x-7.0.8.jar",
            REPO + "com/h2database/h2/2.3.232/h2-2.3.232.jar");

    ClassPaths paths = StartupScenario.classPaths(parent, "/w/chronos-benchmarks/target/classes/");

    assertThat(paths.with())
        .hasSize(9)
        .noneMatch(e -> e.contains("chronos-benchmarks") || e.contains("db-scheduler"));
    assertThat(paths.without())
        .containsExactly(
            REPO
                + "com/fasterxml/jackson/core/jackson-annotations/2.21/jackson-annotations-2.21.jar",
            REPO + "org/springframework/spring-context/7.0.8/spring-context-7.0.8.jar",
            REPO + "com/h2database/h2/2.3.232/h2-2.3.232.jar");
    assertThat(paths.removed()).hasSize(6);
    assertThat(paths.removed().stream().map(StartupScenario::shortName))
        .contains("chronos-core (classes)", "quartz-2.5.2.jar");
  }

  @Test
  void missing_coordinates_are_reported() {
    List<String> missing =
        StartupScenario.missingCoordinates(
            List.of(REPO + "org/quartz-scheduler/quartz/2.5.2/quartz-2.5.2.jar"));
    assertThat(missing)
        .doesNotContain("org.quartz-scheduler:quartz")
        .contains("org.flywaydb:flyway-core", "io.chronos:chronos-core");
  }

  @Test
  void module_jars_and_directories_are_recognised() {
    assertThat(StartupScenario.isModule("/w/chronos-core/target/classes", "chronos-core")).isTrue();
    assertThat(
            StartupScenario.isModule(
                REPO + "io/chronos/chronos-core/0.1.0-SNAPSHOT/chronos-core-0.1.0-SNAPSHOT.jar",
                "chronos-core"))
        .isTrue();
    assertThat(StartupScenario.isModule("/w/chronos-core-extra/target/classes", "chronos-core"))
        .isFalse();
    assertThat(
            StartupScenario.isArtifact(
                REPO + "org/flywaydb/flyway-core/11.14.1/flyway-core-11.14.1.jar",
                "org.flywaydb:flyway-core"))
        .isTrue();
    assertThat(
            StartupScenario.isArtifact(
                REPO + "org/flywaydb/flyway-core-extra/1/flyway-core-extra-1.jar",
                "org.flywaydb:flyway-core"))
        .isFalse();
  }

  @Test
  void differences_are_paired_by_round() {
    List<Launch> with =
        List.of(launch(Variant.WITH_FIRST, 1, 6000), launch(Variant.WITH_FIRST, 2, 9000));
    List<Launch> without =
        List.of(launch(Variant.WITHOUT, 1, 4000), launch(Variant.WITHOUT, 2, 4000));

    // Differences 2 s and 5 s; medians 7.5 s and 4 s.
    assertThat(StartupScenario.delta(with, without, Launch::readySeconds, 2))
        .isEqualTo("+3.50 (2.00–5.00); 1.88×");
    assertThat(StartupScenario.delta(without, with, Launch::readySeconds, 2))
        .isEqualTo("-3.50 (-5.00–-2.00); 0.53×");
    assertThat(StartupScenario.delta(List.of(), without, Launch::readySeconds, 2)).isEqualTo("n/a");
  }

  @Test
  void report_has_the_heading_a_row_per_variant_and_the_differences() {
    Map<Variant, List<Launch>> results = new LinkedHashMap<>();
    results.put(Variant.WITH_FIRST, List.of(launch(Variant.WITH_FIRST, 1, 6000)));
    results.put(Variant.WITHOUT, List.of(launch(Variant.WITHOUT, 1, 4000)));
    results.put(Variant.WITH_SECOND, List.of(launch(Variant.WITH_SECOND, 1, 5000)));
    ClassPaths paths =
        new ClassPaths(List.of("a", "b"), List.of("a"), List.of("/w/chronos-core/target/classes"));

    String md =
        StartupScenario.render(
            new Settings(5, 1, 0, 170, List.of(), "1.00, 2.00, 3.00 → 4.00, 5.00, 6.00"),
            paths,
            results);

    assertThat(md)
        .startsWith("### Scenario 6: start-up cost\n")
        .contains("| with Chronos, first start | 6.00 |")
        .contains("| without Chronos | 4.00 |")
        .contains("| with Chronos, second start | 5.00 |")
        .contains("| first start | +2.00; 1.50× |")
        .contains("| second start | +1.00; 1.25× |")
        .contains("1 of 5 asked")
        .contains("removed: chronos-core (classes)")
        .contains("none (JVM defaults)");
  }

  private static Launch launch(Variant v, int round, long uptimeMs) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("uptimeMs", Long.toString(uptimeMs));
    f.put("cpuMs", Long.toString(uptimeMs * 2));
    f.put("rssKb", "204800");
    f.put("heapLiveBytes", "20971520");
    f.put("jvmArgs", "");
    return new Launch(v, round, f, uptimeMs / 1000.0 + 0.5, 0.4, Double.NaN);
  }
}
