package io.chronos.executor.filesystem;

import io.chronos.spi.ExecutionContext;
import io.chronos.spi.NonRetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.annotation.Nullable;

/** Copies a stream in slices, stopping when the run stops or an unpack limit is passed. */
final class BoundedCopy {
  private static final int BUFFER = 64 * 1024;

  private BoundedCopy() {}

  /**
   * Copies {@code in} to {@code out} and returns {@code written} plus the bytes copied. When {@code
   * what} names what is being unpacked, that total may not pass {@code limit}.
   */
  static long copy(
      InputStream in,
      OutputStream out,
      long written,
      long limit,
      @Nullable String what,
      ExecutionContext ctx)
      throws IOException, NonRetryableException {
    byte[] buffer = new byte[BUFFER];
    int n;
    while ((n = in.read(buffer)) != -1) {
      FileOperations.checkStopped(ctx);
      written += n;
      if (what != null && written > limit) {
        throw new NonRetryableException(
            "unpacking " + what + " exceeds the limit of " + limit + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return written;
  }
}
