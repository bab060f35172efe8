package io.chronos.audit;

/** What an audit event records. */
public enum AuditAction {
  CREATE,
  UPDATE,
  PAUSE,
  RESUME,
  DELETE,
  TRIGGER,
  CANCEL,
  REPLAY,
  DISCARD,
  SIGN_IN,
  ROLE_CHANGE,
  ACCESS_DENIED
}
