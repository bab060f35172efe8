package io.chronos.executor.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.payload.FileSystemPayload;
import io.chronos.spi.ExecutionResult;
import io.chronos.spi.NonRetryableException;
import io.chronos.testsupport.RecordingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way out of the base directory is refused, and nothing outside it changes: the directory
 * around the base is snapshotted before each test and compared after it.
 */
class FileSystemEscapeTest {
  @TempDir Path root;
  private Path base;
  private Path outside;
  private FileSystemExecutor executor;
  private final RecordingContext ctx = new RecordingContext();
  private Map<String, String> before;

  @BeforeEach
  void setUp() throws IOException {
    base = Files.createDirectories(root.resolve("base"));
    outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "do not touch");
    Files.createDirectories(outside.resolve("dir"));
    Files.writeString(outside.resolve("dir/x.txt"), "x");
    Files.writeString(base.resolve("in.txt"), "inside");
    executor =
        new FileSystemExecutor(
            FileSystemSettings.defaults().withBaseDir(base).withUnpackLimits(10_000, 5));
    before = snapshotOutsideBase();
  }

  @AfterEach
  void nothingOutsideTheBaseChanged() throws IOException {
    assertThat(snapshotOutsideBase()).isEqualTo(before);
  }

  /** Every path under the root but the base, with its type, size, time and content. */
  private Map<String, String> snapshotOutsideBase() throws IOException {
    Map<String, String> snapshot = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (p.startsWith(base)) {
          continue; // the base itself and its contents may change
        }
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String content = a.isRegularFile() ? Arrays.toString(Files.readAllBytes(p)) : "";
        snapshot.put(
            root.relativize(p).toString(),
            (a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "f")
                + " "
                + a.size()
                + " "
                + a.lastModifiedTime()
                + " "
                + content);
      }
    }
    return snapshot;
  }

  private void refused(FileSystemPayload payload) {
    assertThatThrownBy(() -> executor.execute(payload, ctx))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("refused");
  }

  private void refusedAtValidation(FileSystemPayload payload) {
    assertThat(executor.validate(payload)).isNotEmpty();
    refused(payload);
  }

  private String[] baseListing() throws IOException {
    try (Stream<Path> paths = Files.walk(base)) {
      return paths.map(Path::toString).sorted().toArray(String[]::new);
    }
  }

  @Test
  void dot_dot_is_refused_in_path_target_and_base_dir() {
    refusedAtValidation(FileSystemPayload.delete("../outside/secret.txt"));
    refusedAtValidation(FileSystemPayload.copy("in.txt", "../evil.txt"));
    refusedAtValidation(FileSystemPayload.copy("in.txt", "sub/../../evil.txt"));
    refusedAtValidation(FileSystemPayload.copy("../outside/secret.txt", "stolen.txt"));
    refusedAtValidation(FileSystemPayload.mkdir("x").inBaseDir("../outside"));
    assertThat(base.resolve("stolen.txt")).doesNotExist();
  }

  @Test
  void absolute_paths_outside_are_refused_and_inside_accepted() throws Exception {
    refusedAtValidation(FileSystemPayload.delete(outside.resolve("secret.txt").toString()));
    refusedAtValidation(
        FileSystemPayload.move(outside.resolve("secret.txt").toString(), "got.txt"));
    refusedAtValidation(FileSystemPayload.copy("in.txt", outside.resolve("new.txt").toString()));
    refusedAtValidation(FileSystemPayload.mkdir("/etc/chronos-test"));
    assertThat(
            executor.execute(
                FileSystemPayload.copy(base.resolve("in.txt").toString(), "copy.txt"), ctx))
        .isInstanceOf(ExecutionResult.Success.class);
    assertThat(base.resolve("copy.txt")).hasContent("inside");
  }

  @Test
  void a_symbolic_link_leading_out_is_refused_as_source() throws Exception {
    Files.createSymbolicLink(base.resolve("link.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(base.resolve("linkdir"), outside.resolve("dir"));
    refused(FileSystemPayload.copy("link.txt", "stolen.txt"));
    refused(FileSystemPayload.copy("linkdir/x.txt", "stolen.txt"));
    refused(FileSystemPayload.copy("linkdir", "stolen"));
    refused(FileSystemPayload.move("linkdir/x.txt", "stolen.txt"));
    refused(FileSystemPayload.delete("linkdir/x.txt"));
    refused(FileSystemPayload.list("linkdir"));
    refused(FileSystemPayload.zip("linkdir", "stolen.zip"));
    refused(FileSystemPayload.gzip("link.txt", "stolen.gz"));
    refused(FileSystemPayload.deleteOlderThan("linkdir", "*", 0));
    refused(FileSystemPayload.mkdir("x").inBaseDir("linkdir"));
    assertThat(base.resolve("stolen.txt")).doesNotExist();
  }

  @Test
  void a_symbolic_link_leading_out_is_refused_as_target() throws Exception {
    Files.createSymbolicLink(base.resolve("linkdir"), outside.resolve("dir"));
    Files.createSymbolicLink(base.resolve("link.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(base.resolve("dangling"), outside.resolve("not-yet.txt"));
    refused(FileSystemPayload.copy("in.txt", "linkdir/new.txt"));
    refused(FileSystemPayload.copy("in.txt", "linkdir/deeper/new.txt"));
    refused(FileSystemPayload.copy("in.txt", "link.txt"));
    refused(FileSystemPayload.move("in.txt", "link.txt"));
    refused(FileSystemPayload.copy("in.txt", "dangling"));
    refused(FileSystemPayload.mkdir("linkdir/made"));
    refused(FileSystemPayload.gzip("in.txt", "linkdir/in.gz"));
    refused(FileSystemPayload.unzip("in.zip", "linkdir/unzipped"));
    assertThat(base.resolve("in.txt")).hasContent("inside");
  }

  @Test
  void deleting_a_tree_removes_links_but_never_what_they_point_to() throws Exception {
    Files.createDirectories(base.resolve("tree"));
    Files.createSymbolicLink(base.resolve("tree/out"), outside.resolve("dir"));
    Files.createSymbolicLink(base.resolve("tree/secret"), outside.resolve("secret.txt"));
    assertThat(executor.execute(FileSystemPayload.delete("tree"), ctx))
        .isInstanceOf(ExecutionResult.Success.class);
    assertThat(base.resolve("tree")).doesNotExist();
  }

  @Test
  void copying_a_tree_skips_links_inside_it() throws Exception {
    Files.createDirectories(base.resolve("tree"));
    Files.writeString(base.resolve("tree/own.txt"), "own");
    Files.createSymbolicLink(base.resolve("tree/secret"), outside.resolve("secret.txt"));
    executor.execute(FileSystemPayload.copy("tree", "copy"), ctx);
    assertThat(base.resolve("copy/own.txt")).hasContent("own");
    assertThat(base.resolve("copy/secret")).doesNotExist();
    executor.execute(FileSystemPayload.zip("tree", "tree.zip"), ctx);
    executor.execute(FileSystemPayload.unzip("tree.zip", "unzipped"), ctx);
    assertThat(base.resolve("unzipped/secret")).doesNotExist();
  }

  @Test
  void zip_slip_entries_are_refused_and_nothing_is_left_behind() throws Exception {
    for (String evil : new String[] {"../../evil", "../evil", "ok/../../evil", "/tmp/evil"}) {
      Path zip = base.resolve("slip.zip");
      writeZip(zip, Map.of("good.txt", 10, evil, 10));
      String[] listing = baseListing();
      refused(FileSystemPayload.unzip("slip.zip", "out"));
      assertThat(baseListing()).as(evil).containsExactly(listing);
      assertThat(root.resolve("evil")).doesNotExist();
      assertThat(Path.of("/tmp/evil")).doesNotExist();
    }
  }

  @Test
  void a_zip_bomb_is_stopped_by_size_and_by_entry_count() throws Exception {
    writeZip(base.resolve("big.zip"), Map.of("a.bin", 4000, "b.bin", 4000, "c.bin", 4000));
    writeZip(base.resolve("many.zip"), Map.of("1", 1, "2", 1, "3", 1, "4", 1, "5", 1, "6", 1));
    String[] listing = baseListing();
    assertThatThrownBy(() -> executor.execute(FileSystemPayload.unzip("big.zip", "out"), ctx))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("exceeds the limit of 10000 bytes");
    assertThatThrownBy(
            () -> executor.execute(FileSystemPayload.unzip("many.zip", "deep/er/out"), ctx))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("entries");
    assertThat(baseListing()).containsExactly(listing);
  }

  @Test
  void a_gzip_bomb_is_stopped_and_nothing_is_left_behind() throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(base.resolve("big.gz")))) {
      out.write(new byte[50_000]);
    }
    String[] listing = baseListing();
    assertThatThrownBy(() -> executor.execute(FileSystemPayload.gunzip("big.gz"), ctx))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("exceeds the limit");
    assertThat(baseListing()).containsExactly(listing);
  }

  /** A zip with the given entries (name to size in zero bytes), names written as given. */
  private static void writeZip(Path zip, Map<String, Integer> entries) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Map.Entry<String, Integer> e : new TreeMap<>(entries).entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(new byte[e.getValue()]);
        out.closeEntry();
      }
    }
  }
}
