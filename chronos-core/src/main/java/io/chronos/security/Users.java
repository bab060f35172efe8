package io.chronos.security;

import java.util.Optional;

/** Users and their roles. Creating users and changing roles is for ADMINs (or the system). */
public interface Users {

  /** Creates a user; refuses a duplicate or malformed e-mail with a validation error. */
  User create(Actor actor, NewUser user);

  /** A user by id; a USER can read only itself. */
  Optional<User> get(Actor actor, String userId);

  /** A user by e-mail (ADMIN or system only). */
  Optional<User> findByEmail(Actor actor, String email);

  /** The stored password hash of an enabled user, for the sign-in check (system actor only). */
  Optional<String> passwordHash(Actor actor, String email);
}
