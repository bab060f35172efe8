package io.chronos.security;

import java.util.Objects;

/**
 * Who makes a call. Every service call carries one: a user (by id, with the role the caller
 * authenticated) or the system (annotation-registered jobs, start-up reconciliation, recovery).
 *
 * @param userId the acting user's id; the system actor has {@link #SYSTEM_USER_ID}
 * @param role the role the actor acts with
 * @param isSystem true for the system actor
 */
public record Actor(String userId, Role role, boolean isSystem) {

  /** The id of the built-in system user that owns system jobs. */
  public static final String SYSTEM_USER_ID = "00000000000000000000000000";

  private static final Actor SYSTEM = new Actor(SYSTEM_USER_ID, Role.ADMIN, true);

  public Actor {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
  }

  /** The system actor: acts with ADMIN rights, recorded as SYSTEM in the audit trail. */
  public static Actor system() {
    return SYSTEM;
  }

  /** A signed-in user with the USER role. */
  public static Actor user(String userId) {
    return new Actor(userId, Role.USER, false);
  }

  /** A signed-in user with the ADMIN role. */
  public static Actor admin(String userId) {
    return new Actor(userId, Role.ADMIN, false);
  }

  /** True for ADMINs and the system. */
  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** True when this actor may see and change a job owned by the given user. */
  public boolean mayAccess(String ownerId) {
    return isAdmin() || userId.equals(ownerId);
  }

  /** The role written to the audit trail: USER, ADMIN or SYSTEM. */
  public String auditRole() {
    return isSystem ? "SYSTEM" : role.name();
  }
}
