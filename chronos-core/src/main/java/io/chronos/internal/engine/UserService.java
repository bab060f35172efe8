package io.chronos.internal.engine;

import io.chronos.FieldError;
import io.chronos.ValidationException;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.UserRepository;
import io.chronos.security.AccessDeniedException;
import io.chronos.security.Actor;
import io.chronos.security.NewUser;
import io.chronos.security.User;
import io.chronos.security.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;

/** {@link Users}. */
final class UserService implements Users {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final Db db;
  private final UserRepository users;
  private final Auditor auditor;

  UserService(Db db, UserRepository users, Auditor auditor) {
    this.db = db;
    this.users = users;
    this.auditor = auditor;
  }

  @Override
  public User create(Actor actor, NewUser user) {
    if (!actor.isAdmin()) {
      throw new AccessDeniedException("Only an ADMIN may create users");
    }
    List<FieldError> errors = new ArrayList<>();
    String email = user.email() == null ? null : user.email().strip().toLowerCase(Locale.ROOT);
    if (email == null || email.isEmpty()) {
      errors.add(new FieldError("email", "is required"));
    } else if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError("email", "'" + user.email() + "' is not an e-mail address"));
    }
    if (user.role() == null) {
      errors.add(new FieldError("role", "is required (USER or ADMIN)"));
    }
    if (user.displayName() != null && user.displayName().length() > 200) {
      errors.add(new FieldError("displayName", "must be at most 200 characters"));
    }
    if (user.passwordHash() != null && user.passwordHash().length() > 255) {
      errors.add(new FieldError("passwordHash", "must be at most 255 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    String id = Ids.next();
    try {
      return db.inTransaction(
          () -> {
            if (users.findByEmail(email).isPresent()) {
              throw duplicate(email);
            }
            users.insert(id, email, user.passwordHash(), user.displayName(), user.role(), db.now());
            User created = users.find(id).orElseThrow();
            auditor.record(
                actor,
                io.chronos.audit.AuditAction.CREATE,
                "USER",
                id,
                null,
                java.util.Map.of("email", email, "role", user.role().name()));
            return created;
          });
    } catch (DuplicateKeyException e) {
      throw duplicate(email);
    }
  }

  private static ValidationException duplicate(String email) {
    return new ValidationException(
        List.of(new FieldError("email", "a user with e-mail " + email + " already exists")));
  }

  @Override
  public Optional<User> get(Actor actor, String userId) {
    if (!actor.isAdmin() && !actor.userId().equals(userId)) {
      return Optional.empty();
    }
    return users.find(userId);
  }

  @Override
  public Optional<User> findByEmail(Actor actor, String email) {
    if (!actor.isAdmin()) {
      throw new AccessDeniedException("Only an ADMIN may look users up by e-mail");
    }
    return users.findByEmail(email.strip().toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<String> passwordHash(Actor actor, String email) {
    if (!actor.isSystem()) {
      throw new AccessDeniedException("Only the system may read password hashes");
    }
    return users.passwordHash(email.strip().toLowerCase(Locale.ROOT));
  }
}
