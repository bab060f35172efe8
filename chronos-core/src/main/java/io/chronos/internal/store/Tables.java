package io.chronos.internal.store;

import java.util.regex.Pattern;

/** Schema-qualified table names. The schema name is checked once, so SQL can be glued safely. */
public final class Tables {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

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

  public Tables(String schema) {
    if (!isValidSchema(schema)) {
      throw new IllegalArgumentException(
          "schema '" + schema + "' must be letters, digits and underscores, at most 63");
    }
    this.schema = schema;
    this.users = schema + ".users";
    this.jobs = schema + ".jobs";
    this.jobTags = schema + ".job_tags";
    this.jobSchedules = schema + ".job_schedules";
    this.jobPayloads = schema + ".job_payloads";
    this.retryPolicies = schema + ".retry_policies";
    this.jobRuns = schema + ".job_runs";
    this.jobRunLogs = schema + ".job_run_logs";
    this.notifications = schema + ".notifications";
    this.dlqEvents = schema + ".dlq_events";
    this.auditEvents = schema + ".audit_events";
    this.quartzPrefix = schema + ".QRTZ_";
    this.quartzTriggers = quartzPrefix + "TRIGGERS";
  }

  /** True when the name is a plain SQL identifier. */
  public static boolean isValidSchema(String schema) {
    return IDENTIFIER.matcher(schema).matches();
  }
}
