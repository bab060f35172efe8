package io.chronos;

import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One page of a listing, paged by key: pass {@link #nextCursor()} to the next request. Keys are
 * ULIDs, so pages stay stable while rows are added.
 *
 * @param items the rows of this page
 * @param nextCursor the cursor of the next page, or null on the last page
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  /** The cursor for the next page, empty on the last page. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /** True when there is a next page. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
