package io.chronos.internal.store;

import io.chronos.security.Role;
import io.chronos.security.User;
import java.time.Instant;
import java.util.Optional;
import javax.annotation.Nullable;

/** {@code users}. */
public final class UserRepository {
  private final Db db;
  private final Tables t;

  public UserRepository(Db db) {
    this.db = db;
    this.t = db.tables();
  }

  public void insert(
      String id,
      String email,
      @Nullable String passwordHash,
      @Nullable String displayName,
      Role role,
      Instant now) {
    db.jdbc()
        .update(
            "INSERT INTO "
                + t.users
                + " (id, email, password_hash, display_name, role, enabled, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            id,
            email,
            passwordHash,
            displayName,
            role.name(),
            true,
            db.ts(now),
            db.ts(now));
  }

  public Optional<User> find(String id) {
    return findBy("id", id);
  }

  public Optional<User> findByEmail(String email) {
    return findBy("email", email);
  }

  private Optional<User> findBy(String column, String value) {
    return db
        .jdbc()
        .query(
            "SELECT id, email, display_name, role, enabled, created_at FROM "
                + t.users
                + " WHERE "
                + column
                + " = ?",
            (rs, i) ->
                new User(
                    rs.getString("id"),
                    rs.getString("email"),
                    rs.getString("display_name"),
                    Role.valueOf(rs.getString("role")),
                    rs.getBoolean("enabled"),
                    db.instant(rs, "created_at")),
            value)
        .stream()
        .findFirst();
  }

  public Optional<String> passwordHash(String email) {
    return db
        .jdbc()
        .query(
            "SELECT password_hash FROM " + t.users + " WHERE email = ? AND enabled = ?",
            (rs, i) -> rs.getString(1),
            email,
            true)
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }
}
