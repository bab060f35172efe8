package io.chronos.benchmarks;

/**
 * ULID-shaped keys for the history seed, made from a time and a sequence number instead of
 * randomness: 10 Crockford base-32 characters of the epoch millisecond, then 16 of the sequence
 * number (which only has to be unique per table). Sorted as strings (byte order, as the {@code C}
 * collation and Chronos's keyset paging compare them) they sort by time, then by sequence. The same
 * encoding exists as a SQL function ({@link #sqlFunction}) so that PostgreSQL can generate millions
 * of keys in an INSERT ... SELECT; the scenario checks the two against each other.
 */
final class HistoryUlid {
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  /** Largest time a ULID can hold (48 bits). */
  static final long MAX_MS = (1L << 48) - 1;

  /** Largest sequence number the SQL function encodes (40 bits; the 8 leading characters are 0). */
  static final long MAX_SEQ = (1L << 40) - 1;

  private HistoryUlid() {}

  /** The key for a time in epoch milliseconds and a sequence number. */
  static String encode(long epochMs, long seq) {
    if (epochMs < 0 || epochMs > MAX_MS) {
      throw new IllegalArgumentException("time out of range: " + epochMs);
    }
    if (seq < 0 || seq > MAX_SEQ) {
      throw new IllegalArgumentException("sequence out of range: " + seq);
    }
    char[] out = new char[26];
    for (int i = 0; i < 10; i++) {
      out[i] = ALPHABET.charAt((int) ((epochMs >>> (5 * (9 - i))) & 31));
    }
    for (int i = 0; i < 16; i++) {
      int shift = 5 * (15 - i);
      out[10 + i] = shift >= 64 ? '0' : ALPHABET.charAt((int) ((seq >>> shift) & 31));
    }
    return new String(out);
  }

  /**
   * {@code CREATE FUNCTION <schema>.ulid(ms bigint, seq bigint)}: the same encoding in one SQL
   * expression, one {@code substr} of the 32-character alphabet per character (substrings of a
   * short string are cheap in a UTF-8 database; of a 2,048-character pair table they were 8 times
   * slower), so that PostgreSQL inlines it into the calling query: about 2 µs a key.
   */
  static String sqlFunction(String schema) {
    StringBuilder expr = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      expr.append(character("ms", 5 * (9 - i))).append(" || ");
    }
    expr.append("'00000000'");
    for (int i = 0; i < 8; i++) {
      expr.append(" || ").append(character("seq", 5 * (7 - i)));
    }
    return "CREATE OR REPLACE FUNCTION "
        + schema
        + ".ulid(ms bigint, seq bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$"
        + " SELECT "
        + expr
        + " $f$";
  }

  private static String character(String arg, int shift) {
    return "substr('" + ALPHABET + "', ((" + arg + " >> " + shift + ") & 31)::int + 1, 1)";
  }
}
