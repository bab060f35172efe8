package io.chronos.benchmarks;

/**
 * The two functions history-seed-h2.sql calls, registered in H2 with {@code CREATE ALIAS} while the
 * seed is written (H2 has no SQL-bodied functions, and a Java call is cheaper than the same
 * arithmetic in H2's expression interpreter). Public because H2 calls them by reflection.
 */
public final class H2SeedFunctions {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private H2SeedFunctions() {}

  /**
   * A uniform number in [0, 1) for a row number and a salt, with 31 bits of resolution like the
   * PostgreSQL seed's {@code hash01} ({@code hashint8extended}); the values differ, the
   * distribution is the same. Each salt gives an independent stream: the salt is mixed into the
   * seed of the row number's mix.
   */
  public static double hash01(long i, long salt) {
    long z = mix(mix(salt + GOLDEN) + i * GOLDEN);
    return (z >>> 33) / 2147483648.0;
  }

  /** The seed's time-ordered key, by construction the one {@link HistoryUlid#encode} gives. */
  public static String ulid(long epochMs, long seq) {
    return HistoryUlid.encode(epochMs, seq);
  }

  /** SplitMix64's finalizer: every input bit flips each output bit with probability about 1/2. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
