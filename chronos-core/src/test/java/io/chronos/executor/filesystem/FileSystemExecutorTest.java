package io.chronos.executor.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.FieldError;
import io.chronos.payload.FileSystemPayload;
import io.chronos.payload.FileSystemPayload.Operation;
import io.chronos.run.LogLevel;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.NonRetryableException;
import io.chronos.testing.SettableClock;
import io.chronos.testsupport.RecordingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemExecutorTest {
  private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

  @TempDir Path base;
  private FileSystemExecutor executor;
  private final SettableClock clock = new SettableClock(NOW);
  private final RecordingContext ctx = new RecordingContext(clock);

  @BeforeEach
  void setUp() throws IOException {
    executor = new FileSystemExecutor(FileSystemSettings.defaults().withBaseDir(base));
    write("in/a.txt", "alpha");
    write("in/sub/b.txt", "beta");
  }

  private Path write(String path, String content) throws IOException {
    Path file = base.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private ExecutionResult run(FileSystemPayload payload) throws Exception {
    assertThat(executor.validate(payload)).isEmpty();
    return executor.execute(payload, ctx);
  }

  private static String summary(ExecutionResult result) {
    assertThat(result).isInstanceOf(ExecutionResult.Success.class);
    return ((ExecutionResult.Success) result).summary();
  }

  private List<String> tree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void copies_a_file_replacing_the_target_and_creating_parents() throws Exception {
    write("out/a.txt", "old");
    assertThat(summary(run(FileSystemPayload.copy("in/a.txt", "out/a.txt")))).contains("1 file");
    assertThat(base.resolve("out/a.txt")).hasContent("alpha");
    run(FileSystemPayload.copy("in/a.txt", "new/deep/a.txt"));
    assertThat(base.resolve("new/deep/a.txt")).hasContent("alpha");
    assertThat(base.resolve("in/a.txt")).exists();
  }

  @Test
  void copies_a_directory_tree() throws Exception {
    assertThat(summary(run(FileSystemPayload.copy("in", "copy")))).contains("2 files");
    assertThat(tree(base.resolve("copy"))).isEqualTo(tree(base.resolve("in")));
    assertThat(base.resolve("copy/sub/b.txt")).hasContent("beta");
  }

  @Test
  void moves_a_file_and_a_directory() throws Exception {
    run(FileSystemPayload.move("in/a.txt", "moved/a.txt"));
    assertThat(base.resolve("in/a.txt")).doesNotExist();
    assertThat(base.resolve("moved/a.txt")).hasContent("alpha");
    run(FileSystemPayload.move("in/sub", "moved/sub"));
    assertThat(base.resolve("moved/sub/b.txt")).hasContent("beta");
    assertThat(base.resolve("in/sub")).doesNotExist();
  }

  @Test
  void deletes_a_file_a_tree_and_accepts_a_missing_path() throws Exception {
    run(FileSystemPayload.delete("in/a.txt"));
    assertThat(base.resolve("in/a.txt")).doesNotExist();
    assertThat(summary(run(FileSystemPayload.delete("in")))).contains("1 files");
    assertThat(base.resolve("in")).doesNotExist();
    assertThat(summary(run(FileSystemPayload.delete("in")))).isEqualTo("nothing to delete");
  }

  @Test
  void makes_directories() throws Exception {
    assertThat(summary(run(FileSystemPayload.mkdir("a/b/c")))).isEqualTo("created directory");
    assertThat(base.resolve("a/b/c")).isDirectory();
    assertThat(summary(run(FileSystemPayload.mkdir("a/b/c"))))
        .isEqualTo("directory already existed");
    assertThatThrownBy(() -> run(FileSystemPayload.mkdir("in/a.txt")))
        .isInstanceOf(NonRetryableException.class);
  }

  @Test
  void lists_a_directory_into_the_log() throws Exception {
    write("in/c.log", "x");
    assertThat(summary(run(FileSystemPayload.list("in")))).isEqualTo("listed 3 entries");
    assertThat(ctx.messages(LogLevel.INFO)).contains("a.txt", "c.log", "sub");
    assertThat(ctx.lines())
        .filteredOn(l -> l.message().equals("a.txt"))
        .first()
        .satisfies(
            l -> assertThat(l.context()).containsEntry("type", "file").containsEntry("size", 5L));

    RecordingContext globbed = new RecordingContext(clock);
    executor.execute(FileSystemPayload.list("in", "*.log"), globbed);
    assertThat(globbed.messages(LogLevel.INFO)).contains("c.log").doesNotContain("a.txt");

    FileSystemExecutor terse = new FileSystemExecutor(executor.settings().withMaxListedEntries(1));
    RecordingContext capped = new RecordingContext(clock);
    terse.execute(FileSystemPayload.list("in"), capped);
    assertThat(capped.messages(LogLevel.INFO)).contains("a.txt", "2 more entries not listed");
  }

  @Test
  void zips_and_unzips_a_tree() throws Exception {
    assertThat(summary(run(FileSystemPayload.zip("in", "archive/in.zip")))).contains("2 files");
    assertThat(summary(run(FileSystemPayload.unzip("archive/in.zip", "restored"))))
        .contains("entries");
    assertThat(tree(base.resolve("restored"))).isEqualTo(tree(base.resolve("in")));
    assertThat(base.resolve("restored/sub/b.txt")).hasContent("beta");
    assertThat(base.resolve("archive")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void unzip_needs_a_new_or_empty_target() throws Exception {
    run(FileSystemPayload.zip("in/a.txt", "a.zip"));
    Files.createDirectories(base.resolve("empty"));
    run(FileSystemPayload.unzip("a.zip", "empty"));
    assertThat(base.resolve("empty/a.txt")).hasContent("alpha");
    assertThatThrownBy(() -> run(FileSystemPayload.unzip("a.zip", "in")))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("empty");
    assertThat(base.resolve("in/a.txt")).hasContent("alpha");
  }

  @Test
  void unzipping_something_that_is_not_a_zip_fails_without_retry() {
    assertThatThrownBy(() -> run(FileSystemPayload.unzip("in/a.txt", "out")))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("not a zip");
    assertThat(base.resolve("out")).doesNotExist();
  }

  @Test
  void gzips_and_gunzips_keeping_the_source() throws Exception {
    run(FileSystemPayload.gzip("in/a.txt"));
    assertThat(base.resolve("in/a.txt.gz")).exists();
    assertThat(base.resolve("in/a.txt")).exists();
    Files.delete(base.resolve("in/a.txt"));
    assertThat(summary(run(FileSystemPayload.gunzip("in/a.txt.gz")))).contains("5 bytes");
    assertThat(base.resolve("in/a.txt")).hasContent("alpha");
    run(FileSystemPayload.gunzip("in/a.txt.gz", "other/plain.txt"));
    assertThat(base.resolve("other/plain.txt")).hasContent("alpha");
  }

  @Test
  void deletes_files_older_than_n_days_by_the_run_clock() throws Exception {
    Path oldLog = write("logs/old.log", "o");
    Path newLog = write("logs/new.log", "n");
    Path oldTxt = write("logs/old.txt", "t");
    Path nestedOld = write("logs/2029/old.log", "d");
    for (Path p : List.of(oldLog, oldTxt, nestedOld)) {
      Files.setLastModifiedTime(p, FileTime.from(NOW.minus(Duration.ofDays(31))));
    }
    Files.setLastModifiedTime(newLog, FileTime.from(NOW.minus(Duration.ofDays(29))));

    assertThat(summary(run(FileSystemPayload.deleteOlderThan("logs", "*.log", 30))))
        .startsWith("deleted 1 files");
    assertThat(oldLog).doesNotExist();
    assertThat(newLog).exists();
    assertThat(oldTxt).exists();
    assertThat(nestedOld).exists();

    run(FileSystemPayload.deleteOlderThan("logs", "**.log", 30));
    assertThat(nestedOld).doesNotExist();
    assertThat(newLog).exists();

    clock.advance(Duration.ofDays(2));
    run(FileSystemPayload.deleteOlderThan("logs", "**.log", 30));
    assertThat(newLog).doesNotExist();
    assertThat(oldTxt).exists();
  }

  @Test
  void a_missing_source_fails_for_a_retry() throws Exception {
    assertThat(run(FileSystemPayload.copy("in/nope.txt", "out.txt")))
        .isEqualTo(new ExecutionResult.Failure("path 'in/nope.txt' does not exist", true));
  }

  @Test
  void validation_reports_every_problem_by_field() {
    FileSystemPayload bad =
        new FileSystemPayload(Operation.DELETE_OLDER_THAN, "../x", "t", null, -1, "/elsewhere");
    assertThat(executor.validate(bad))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("baseDir", "path", "target", "glob", "olderThanDays");
    assertThat(executor.validate(new FileSystemPayload(Operation.COPY, "a", null, "*", 3, null)))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("target", "glob", "olderThanDays");
    assertThat(executor.validate(FileSystemPayload.delete(".")))
        .extracting(FieldError::message)
        .containsExactly("must not be the base directory itself for DELETE");
    assertThat(executor.validate(FileSystemPayload.gunzip("a.bin")))
        .extracting(FieldError::field)
        .containsExactly("target");
    assertThat(executor.validate(FileSystemPayload.list("in", "[unclosed")))
        .extracting(FieldError::field)
        .containsExactly("glob");
  }

  @Test
  void without_a_base_directory_every_job_is_refused() {
    FileSystemExecutor bare = new FileSystemExecutor();
    assertThat(bare.adminOnly()).isTrue();
    assertThat(bare.validate(FileSystemPayload.mkdir("x")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("baseDir");
              assertThat(e.message()).contains("no base directory is configured");
            });
    assertThatThrownBy(() -> bare.execute(FileSystemPayload.mkdir("x"), ctx))
        .isInstanceOf(NonRetryableException.class);
  }
}
