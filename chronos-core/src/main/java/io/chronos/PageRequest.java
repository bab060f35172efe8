package io.chronos;

import javax.annotation.Nullable;

/**
 * Which page to read: the rows after a cursor (exclusive), at most {@code limit} of them.
 *
 * @param after the cursor returned by the previous page, or null for the first page
 * @param limit how many rows at most, 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(@Nullable String after, int limit) {
  /** The largest page Chronos returns. */
  public static final int MAX_LIMIT = 1000;

  /** The page size used when none is given. */
  public static final int DEFAULT_LIMIT = 50;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException(
          java.util.List.of(
              new FieldError("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit)));
    }
  }

  /** The first page with the default size. */
  public static PageRequest first() {
    return new PageRequest(null, DEFAULT_LIMIT);
  }

  /** The first page with the given size. */
  public static PageRequest first(int limit) {
    return new PageRequest(null, limit);
  }

  /** The page after the given cursor. */
  public static PageRequest after(@Nullable String cursor, int limit) {
    return new PageRequest(cursor, limit);
  }
}
