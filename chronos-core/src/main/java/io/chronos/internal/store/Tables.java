package io.chronos.internal.store;

import java.util.regex.Pattern;

/** Schema-qualified table names. The schema name is checked once, so SQL can be glued safely. */
public final class Tables {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Pattern PREFIX = Pattern.compile("([A-Za-z][A-Za-z0-9_]{0,19})?");

  public final String schema;
  public final String users;
  public final String jobs;
  public final String jobTags;
  public final String jobSchedules;
  public final String jobPayloads;
  public final String retryPolicies;
  public final String jobRuns;
  public final String jobRunLogs;
  public final String notifications;
  public final String dlqEvents;
  public final String auditEvents;
  public final String quartzPrefix;
  public final String quartzTriggers;
  public final String auditChain;

  /** Tables in the given schema, without a prefix. */
  public Tables(String schema) {
    this(schema, "");
  }

  /**
   * Tables in the given schema, each name starting with the prefix (the fallback for a host that
   * cannot give Chronos a schema of its own).
   */
  public Tables(String schema, String prefix) {
    if (!isValidSchema(schema)) {
      throw new IllegalArgumentException(
          "schema '" + schema + "' must be letters, digits and underscores, at most 63");
    }
    if (!isValidPrefix(prefix)) {
      throw new IllegalArgumentException(
          "table prefix '"
              + prefix
              + "' must be empty or letters, digits and underscores, at most 20");
    }
    this.schema = schema;
    String p = schema + "." + prefix;
    this.users = p + "users";
    this.jobs = p + "jobs";
    this.jobTags = p + "job_tags";
    this.jobSchedules = p + "job_schedules";
    this.jobPayloads = p + "job_payloads";
    this.retryPolicies = p + "retry_policies";
    this.jobRuns = p + "job_runs";
    this.jobRunLogs = p + "job_run_logs";
    this.notifications = p + "notifications";
    this.dlqEvents = p + "dlq_events";
    this.auditEvents = p + "audit_events";
    this.auditChain = p + "audit_chain";
    this.quartzPrefix = p + "QRTZ_";
    this.quartzTriggers = quartzPrefix + "TRIGGERS";
  }

  /** True when the name is a plain SQL identifier. */
  public static boolean isValidSchema(String schema) {
    return IDENTIFIER.matcher(schema).matches();
  }

  /** True for an empty prefix or a short identifier. */
  public static boolean isValidPrefix(String prefix) {
    return prefix != null && PREFIX.matcher(prefix).matches();
  }
}
