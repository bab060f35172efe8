package io.chronos.security;

/** What a user may do: a USER sees and changes only own jobs; an ADMIN everything. */
public enum Role {
  USER,
  ADMIN
}
