package io.chronos.security;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * A user as stored; the password hash never leaves the store through this type.
 *
 * @param id ULID
 * @param email unique sign-in name
 * @param displayName optional name to show
 * @param role USER or ADMIN
 * @param enabled false for disabled users (and the system user)
 * @param createdAt when the user was created
 */
public record User(
    String id,
    String email,
    @Nullable String displayName,
    Role role,
    boolean enabled,
    Instant createdAt) {}
