package io.chronos.security;

import javax.annotation.Nullable;

/**
 * A user to create. The password is given already hashed (BCrypt or Argon2, by the web module or
 * the host); the core never sees a clear-text password.
 *
 * @param email unique sign-in name, at most 320 characters
 * @param passwordHash the hash, or null for a user who cannot sign in with a password
 * @param displayName optional
 * @param role USER or ADMIN
 */
public record NewUser(
    String email, @Nullable String passwordHash, @Nullable String displayName, Role role) {}
