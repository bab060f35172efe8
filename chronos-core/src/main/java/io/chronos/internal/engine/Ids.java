package io.chronos.internal.engine;

import com.github.f4b6a3.ulid.UlidCreator;

/** ULID keys: time-ordered, so keys page in creation order and index inserts stay at the end. */
public final class Ids {
  private Ids() {}

  /** A new ULID, monotonic within this JVM. */
  public static String next() {
    return UlidCreator.getMonotonicUlid().toString();
  }
}
