package io.chronos.internal.engine;

import io.chronos.Page;
import java.util.List;
import java.util.function.Function;

/** Key-paged results: the store reads one row more than the page to know whether one follows. */
final class Pages {
  private Pages() {}

  static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, String> key) {
    if (rowsPlusOne.size() <= limit) {
      return new Page<>(rowsPlusOne, null);
    }
    List<T> page = rowsPlusOne.subList(0, limit);
    return new Page<>(page, key.apply(page.get(limit - 1)));
  }
}
