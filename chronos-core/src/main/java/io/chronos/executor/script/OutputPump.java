package io.chronos.executor.script;

import io.chronos.run.LogLevel;
import io.chronos.spi.RunLogger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Copies one output stream of a script into the run log, line by line, until the stream ends. Both
 * streams of a script share one {@link Budget}: past it, lines are read and counted but not logged,
 * so the script never blocks on a full pipe. A line longer than the limit is cut, and never held in
 * memory whole.
 */
final class OutputPump implements Runnable {

  /** The output a script may write into the run log, shared by its stdout and stderr. */
  static final class Budget {
    private final int maxLines;
    private final long maxBytes;
    private int lines;
    private long bytes;
    private long droppedLines;
    private long droppedBytes;

    Budget(int maxLines, long maxBytes) {
      this.maxLines = maxLines;
      this.maxBytes = maxBytes;
    }

    /**
     * True when a line may be logged ({@code logged} bytes, after cutting); otherwise the line
     * ({@code read} bytes as the script wrote it) is counted as dropped.
     */
    synchronized boolean take(long logged, long read) {
      // Once a line is dropped, every later one is too: the log keeps an unbroken beginning.
      if (droppedLines == 0 && lines < maxLines && bytes + logged <= maxBytes) {
        lines++;
        bytes += logged;
        return true;
      }
      droppedLines++;
      droppedBytes += read;
      return false;
    }

    /** The line saying how much output was dropped, or null when nothing was. */
    @Nullable
    synchronized String droppedSummary() {
      if (droppedLines == 0) {
        return null;
      }
      return "output truncated: "
          + droppedLines
          + " more lines ("
          + droppedBytes
          + " bytes) dropped; the run log keeps at most "
          + maxLines
          + " lines and "
          + maxBytes
          + " bytes of script output";
    }
  }

  private final InputStream in;
  private final LogLevel level;
  private final String stream;
  private final Budget budget;
  private final RunLogger log;
  private final int maxLineLength;
  private volatile @Nullable String lastLine;

  /**
   * @param stream {@code stdout} or {@code stderr}, written into each line's context
   */
  OutputPump(
      InputStream in,
      LogLevel level,
      String stream,
      Budget budget,
      RunLogger log,
      int maxLineLength) {
    this.in = in;
    this.level = level;
    this.stream = stream;
    this.budget = budget;
    this.log = log;
    this.maxLineLength = maxLineLength;
  }

  /** The last non-blank line read, for a failure message. */
  @Nullable
  String lastLine() {
    return lastLine;
  }

  @Override
  public void run() {
    // Bytes, not a Reader: a line is cut at maxLineLength bytes (at most 4 per character) before it
    // is decoded, so a script printing without newlines cannot fill the heap.
    int keep = Math.max(maxLineLength * 4, maxLineLength);
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    long lineBytes = 0;
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '\n') {
            emit(line, lineBytes);
            line.reset();
            lineBytes = 0;
          } else {
            lineBytes++;
            if (line.size() < keep) {
              line.write(b);
            }
          }
        }
      }
    } catch (IOException e) {
      // The stream was closed under us (the script was killed): keep what was read.
    }
    if (lineBytes > 0) {
      emit(line, lineBytes);
    }
  }

  private void emit(ByteArrayOutputStream bytes, long lineBytes) {
    String text = bytes.toString(StandardCharsets.UTF_8);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.length() > maxLineLength) {
      text = text.substring(0, maxLineLength) + " [line cut at " + maxLineLength + " characters]";
    } else if (lineBytes > bytes.size()) {
      text = text + " [line cut, " + lineBytes + " bytes]";
    }
    if (!text.isBlank()) {
      lastLine = text;
    }
    long logged = Math.min(lineBytes, text.getBytes(StandardCharsets.UTF_8).length);
    if (budget.take(logged + 1, lineBytes + 1)) {
      log.log(level, text, Map.of("stream", stream));
    }
  }
}
