-- Chronos tables, PostgreSQL dialect. Keys are ULIDs (CHAR(26)); every timestamp is a TIMESTAMPTZ.
-- A port of h2/V2__chronos_tables.sql (the reference): same tables, columns, constraint names, checks,
-- foreign keys and indexes. Keep the three folders in step.

CREATE TABLE ${prefix}users (
  id            CHAR(26)     NOT NULL PRIMARY KEY,
  email         VARCHAR(320) NOT NULL,
  password_hash VARCHAR(255),
  display_name  VARCHAR(200),
  role          VARCHAR(16)  NOT NULL,
  enabled       BOOLEAN      DEFAULT TRUE NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL,
  CONSTRAINT ${prefix}uq_users_email UNIQUE (email),
  CONSTRAINT ${prefix}ck_users_role CHECK (role IN ('USER', 'ADMIN'))
);

-- The system actor owns annotation-registered and system jobs; it has no password and cannot sign in.
INSERT INTO ${prefix}users (id, email, password_hash, display_name, role, enabled, created_at, updated_at)
VALUES ('00000000000000000000000000', 'system@chronos.local', NULL, 'System', 'ADMIN', FALSE,
        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

CREATE TABLE ${prefix}jobs (
  id           CHAR(26)      NOT NULL PRIMARY KEY,
  owner_id     CHAR(26)      NOT NULL,
  name         VARCHAR(200)  NOT NULL,
  description  VARCHAR(2000),
  job_type     VARCHAR(32)   NOT NULL,
  custom_type  VARCHAR(100),
  status       VARCHAR(16)   NOT NULL,
  timeout_ms   BIGINT,
  concurrency  VARCHAR(16)   DEFAULT 'ALLOW' NOT NULL,
  version      INT           DEFAULT 0 NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL,
  CONSTRAINT ${prefix}fk_jobs_owner FOREIGN KEY (owner_id) REFERENCES ${prefix}users (id),
  CONSTRAINT ${prefix}uq_jobs_owner_name UNIQUE (owner_id, name),
  CONSTRAINT ${prefix}ck_jobs_type CHECK (job_type IN ('HTTP', 'SCRIPT', 'DATABASE', 'FILE_SYSTEM', 'MESSAGE_QUEUE',
                                              'DB_TO_KAFKA', 'CACHE', 'REPORT', 'DUMMY', 'CUSTOM')),
  CONSTRAINT ${prefix}ck_jobs_custom_type CHECK ((job_type = 'CUSTOM') = (custom_type IS NOT NULL)),
  CONSTRAINT ${prefix}ck_jobs_status CHECK (status IN ('ACTIVE', 'PAUSED', 'DISABLED')),
  CONSTRAINT ${prefix}ck_jobs_concurrency CHECK (concurrency IN ('ALLOW', 'FORBID', 'SKIP')),
  CONSTRAINT ${prefix}ck_jobs_timeout CHECK (timeout_ms IS NULL OR timeout_ms > 0)
);
CREATE INDEX ${prefix}ix_jobs_owner_status ON ${prefix}jobs (owner_id, status, id);
CREATE INDEX ${prefix}ix_jobs_type ON ${prefix}jobs (job_type, id);
CREATE INDEX ${prefix}ix_jobs_status ON ${prefix}jobs (status, id);

CREATE TABLE ${prefix}job_tags (
  job_id CHAR(26)    NOT NULL,
  tag    VARCHAR(64) NOT NULL,
  CONSTRAINT ${prefix}pk_job_tags PRIMARY KEY (job_id, tag),
  CONSTRAINT ${prefix}fk_job_tags_job FOREIGN KEY (job_id) REFERENCES ${prefix}jobs (id) ON DELETE CASCADE
);
CREATE INDEX ${prefix}ix_job_tags_tag ON ${prefix}job_tags (tag, job_id);

CREATE TABLE ${prefix}job_schedules (
  job_id          CHAR(26)     NOT NULL PRIMARY KEY,
  schedule_type   VARCHAR(16)  NOT NULL,
  cron_expression VARCHAR(120),
  time_zone       VARCHAR(64),
  interval_ms     BIGINT,
  start_at        TIMESTAMPTZ,
  run_at          TIMESTAMPTZ,
  misfire_policy  VARCHAR(24)  DEFAULT 'FIRE_ONCE' NOT NULL,
  CONSTRAINT ${prefix}fk_job_schedules_job FOREIGN KEY (job_id) REFERENCES ${prefix}jobs (id) ON DELETE CASCADE,
  CONSTRAINT ${prefix}ck_job_schedules_type CHECK (schedule_type IN ('CRON', 'INTERVAL', 'ONCE', 'MANUAL')),
  CONSTRAINT ${prefix}ck_job_schedules_cron CHECK (schedule_type <> 'CRON'
                                          OR (cron_expression IS NOT NULL AND time_zone IS NOT NULL)),
  CONSTRAINT ${prefix}ck_job_schedules_interval CHECK (schedule_type <> 'INTERVAL'
                                              OR (interval_ms IS NOT NULL AND interval_ms > 0)),
  CONSTRAINT ${prefix}ck_job_schedules_once CHECK (schedule_type <> 'ONCE' OR run_at IS NOT NULL),
  CONSTRAINT ${prefix}ck_job_schedules_misfire CHECK (misfire_policy IN ('FIRE_ONCE', 'SKIP', 'FIRE_ALL'))
);

-- Single-table inheritance: payload_type says which column group holds the payload.
CREATE TABLE ${prefix}job_payloads (
  job_id                    CHAR(26)    NOT NULL PRIMARY KEY,
  payload_type              VARCHAR(32) NOT NULL,
  -- HTTP
  http_url                  VARCHAR(2048),
  http_method               VARCHAR(8),
  http_headers              JSONB,
  http_body                 TEXT,
  http_body_type            VARCHAR(16),
  http_connect_timeout_ms   BIGINT,
  http_request_timeout_ms   BIGINT,
  http_expected_status      VARCHAR(200),
  http_auth_type            VARCHAR(16),
  http_auth_secret          VARCHAR(4000),
  http_follow_redirects     BOOLEAN,
  http_idempotency_header   BOOLEAN,
  http_check_json_field     VARCHAR(500),
  http_check_body_contains  VARCHAR(1000),
  -- SCRIPT
  script_language           VARCHAR(32),
  script_content            TEXT,
  script_args               JSONB,
  script_env                JSONB,
  script_working_dir        VARCHAR(1024),
  script_retryable_codes    VARCHAR(200),
  -- DATABASE
  db_datasource             VARCHAR(200),
  db_sql                    TEXT,
  db_params                 JSONB,
  db_statement_type         VARCHAR(16),
  db_max_rows               INT,
  -- FILE_SYSTEM
  fs_operation              VARCHAR(32),
  fs_path                   VARCHAR(1024),
  fs_target                 VARCHAR(1024),
  fs_glob                   VARCHAR(255),
  fs_older_than_days        INT,
  fs_base_dir               VARCHAR(1024),
  -- MESSAGE_QUEUE (Kafka or RabbitMQ)
  mq_broker                 VARCHAR(16),
  mq_destination            VARCHAR(255),
  mq_routing_key            VARCHAR(255),
  mq_message_key            VARCHAR(255),
  mq_message                TEXT,
  mq_headers                JSONB,
  -- DB_TO_KAFKA
  d2k_datasource            VARCHAR(200),
  d2k_source_sql            TEXT,
  d2k_topic                 VARCHAR(255),
  d2k_key_column            VARCHAR(128),
  d2k_cursor_column         VARCHAR(128),
  d2k_batch_size            INT,
  -- CACHE (Redis)
  cache_operation           VARCHAR(16),
  cache_key_pattern         VARCHAR(512),
  cache_value               TEXT,
  cache_ttl_ms              BIGINT,
  -- REPORT
  report_format             VARCHAR(8),
  report_title              VARCHAR(255),
  report_datasource         VARCHAR(200),
  report_query              TEXT,
  report_recipients         VARCHAR(2000),
  -- DUMMY
  dummy_mode                VARCHAR(16),
  dummy_sleep_ms            BIGINT,
  dummy_fail_times          INT,
  dummy_message             VARCHAR(1000),
  dummy_log_lines           INT,
  -- custom executor types
  custom_json               JSONB,
  CONSTRAINT ${prefix}fk_job_payloads_job FOREIGN KEY (job_id) REFERENCES ${prefix}jobs (id) ON DELETE CASCADE,
  CONSTRAINT ${prefix}ck_job_payloads_type CHECK (payload_type IN ('HTTP', 'SCRIPT', 'DATABASE', 'FILE_SYSTEM',
                                                          'MESSAGE_QUEUE', 'DB_TO_KAFKA', 'CACHE', 'REPORT',
                                                          'DUMMY', 'CUSTOM')),
  CONSTRAINT ${prefix}ck_job_payloads_http_method CHECK (http_method IS NULL
                                                OR http_method IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD')),
  CONSTRAINT ${prefix}ck_job_payloads_mq_broker CHECK (mq_broker IS NULL OR mq_broker IN ('KAFKA', 'RABBITMQ')),
  CONSTRAINT ${prefix}ck_job_payloads_report_format CHECK (report_format IS NULL OR report_format IN ('PDF', 'XLSX', 'CSV')),
  CONSTRAINT ${prefix}ck_job_payloads_dummy_mode CHECK (dummy_mode IS NULL
                                               OR dummy_mode IN ('SUCCEED', 'SLEEP', 'FAIL_TIMES', 'ALWAYS_FAIL')),
  CONSTRAINT ${prefix}ck_job_payloads_dummy CHECK (payload_type <> 'DUMMY' OR dummy_mode IS NOT NULL),
  CONSTRAINT ${prefix}ck_job_payloads_custom CHECK (payload_type <> 'CUSTOM' OR custom_json IS NOT NULL)
);

CREATE TABLE ${prefix}retry_policies (
  id               CHAR(26)    NOT NULL PRIMARY KEY,
  job_id           CHAR(26)    NOT NULL,
  max_attempts     INT         NOT NULL,
  backoff_type     VARCHAR(16) NOT NULL,
  initial_delay_ms BIGINT      NOT NULL,
  multiplier       DOUBLE PRECISION,
  max_delay_ms     BIGINT,
  jitter           DOUBLE PRECISION,
  retry_on         VARCHAR(1000),
  abort_on         VARCHAR(1000),
  CONSTRAINT ${prefix}uq_retry_policies_job UNIQUE (job_id),
  CONSTRAINT ${prefix}fk_retry_policies_job FOREIGN KEY (job_id) REFERENCES ${prefix}jobs (id) ON DELETE CASCADE,
  CONSTRAINT ${prefix}ck_retry_policies_backoff CHECK (backoff_type IN ('NONE', 'FIXED', 'EXPONENTIAL')),
  CONSTRAINT ${prefix}ck_retry_policies_attempts CHECK (max_attempts >= 1)
);

-- The run queue and the run history in one table: a row is QUEUED, then claimed (RUNNING) by a node
-- under a lease, then closed. (job_id, fire_key, attempt) makes a duplicate fire a no-op.
CREATE TABLE ${prefix}job_runs (
  id               CHAR(26)     NOT NULL PRIMARY KEY,
  job_id           CHAR(26)     NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  attempt          INT          NOT NULL,
  fire_key         VARCHAR(64)  NOT NULL,
  trigger_type     VARCHAR(16)  NOT NULL,
  scheduled_at     TIMESTAMPTZ NOT NULL,
  not_before       TIMESTAMPTZ NOT NULL,
  node_id          VARCHAR(128),
  lease_token      CHAR(26),
  lease_expires_at TIMESTAMPTZ,
  started_at       TIMESTAMPTZ,
  finished_at      TIMESTAMPTZ,
  duration_ms      BIGINT,
  error            VARCHAR(4000),
  result_summary   VARCHAR(2000),
  retry_of         CHAR(26),
  backoff_ms       BIGINT,
  cancel_requested BOOLEAN      DEFAULT FALSE NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL,
  CONSTRAINT ${prefix}fk_job_runs_job FOREIGN KEY (job_id) REFERENCES ${prefix}jobs (id) ON DELETE CASCADE,
  CONSTRAINT ${prefix}uq_job_runs_fire UNIQUE (job_id, fire_key, attempt),
  CONSTRAINT ${prefix}ck_job_runs_status CHECK (status IN ('QUEUED', 'HELD', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT',
                                                  'CANCELLED', 'LOST', 'SKIPPED')),
  CONSTRAINT ${prefix}ck_job_runs_trigger CHECK (trigger_type IN ('SCHEDULE', 'ONCE', 'MANUAL', 'RETRY', 'RECOVERY',
                                                         'REPLAY')),
  CONSTRAINT ${prefix}ck_job_runs_attempt CHECK (attempt >= 1),
  CONSTRAINT ${prefix}ck_job_runs_lease CHECK (status <> 'RUNNING'
                                      OR (node_id IS NOT NULL AND lease_token IS NOT NULL
                                          AND lease_expires_at IS NOT NULL))
);
-- Partial index: the claim query reads only QUEUED rows, ordered by not_before.
CREATE INDEX ${prefix}ix_job_runs_due ON ${prefix}job_runs (not_before) WHERE status = 'QUEUED';
CREATE INDEX ${prefix}ix_job_runs_job ON ${prefix}job_runs (job_id, id);
CREATE INDEX ${prefix}ix_job_runs_node ON ${prefix}job_runs (node_id, status);
CREATE INDEX ${prefix}ix_job_runs_lease ON ${prefix}job_runs (status, lease_expires_at);

CREATE TABLE ${prefix}job_run_logs (
  id        CHAR(26)      NOT NULL PRIMARY KEY,
  run_id    CHAR(26)      NOT NULL,
  level     VARCHAR(8)    NOT NULL,
  message   VARCHAR(4000) NOT NULL,
  context   JSONB,
  logged_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT ${prefix}fk_job_run_logs_run FOREIGN KEY (run_id) REFERENCES ${prefix}job_runs (id) ON DELETE CASCADE,
  CONSTRAINT ${prefix}ck_job_run_logs_level CHECK (level IN ('TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'))
);
CREATE INDEX ${prefix}ix_job_run_logs_run ON ${prefix}job_run_logs (run_id, id);

CREATE TABLE ${prefix}notifications (
  id         CHAR(26)      NOT NULL PRIMARY KEY,
  user_id    CHAR(26)      NOT NULL,
  job_id     CHAR(26),
  run_id     CHAR(26),
  channel    VARCHAR(16)   NOT NULL,
  event_type VARCHAR(24)   NOT NULL,
  subject    VARCHAR(500)  NOT NULL,
  body       VARCHAR(4000),
  status     VARCHAR(16)   NOT NULL,
  read_at    TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT ${prefix}fk_notifications_user FOREIGN KEY (user_id) REFERENCES ${prefix}users (id) ON DELETE CASCADE,
  CONSTRAINT ${prefix}fk_notifications_job FOREIGN KEY (job_id) REFERENCES ${prefix}jobs (id) ON DELETE SET NULL,
  CONSTRAINT ${prefix}fk_notifications_run FOREIGN KEY (run_id) REFERENCES ${prefix}job_runs (id) ON DELETE SET NULL,
  CONSTRAINT ${prefix}ck_notifications_channel CHECK (channel IN ('IN_APP', 'WEBHOOK', 'EMAIL')),
  CONSTRAINT ${prefix}ck_notifications_event CHECK (event_type IN ('FAILURE', 'DEAD_LETTER', 'CONSECUTIVE_FAILURES',
                                                          'RECOVERY', 'SUCCESS')),
  CONSTRAINT ${prefix}ck_notifications_status CHECK (status IN ('PENDING', 'SENT', 'FAILED'))
);
CREATE INDEX ${prefix}ix_notifications_user ON ${prefix}notifications (user_id, id);

CREATE TABLE ${prefix}dlq_events (
  id               CHAR(26)      NOT NULL PRIMARY KEY,
  job_id           CHAR(26)      NOT NULL,
  run_id           CHAR(26)      NOT NULL,
  reason           VARCHAR(24)   NOT NULL,
  error            VARCHAR(4000),
  attempts         INT           NOT NULL,
  payload_snapshot JSONB,
  status           VARCHAR(16)   NOT NULL,
  replayed_by      CHAR(26),
  replay_run_id    CHAR(26),
  discarded_by     CHAR(26),
  discard_reason   VARCHAR(1000),
  resolved_at      TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL,
  CONSTRAINT ${prefix}fk_dlq_events_job FOREIGN KEY (job_id) REFERENCES ${prefix}jobs (id) ON DELETE CASCADE,
  CONSTRAINT ${prefix}fk_dlq_events_run FOREIGN KEY (run_id) REFERENCES ${prefix}job_runs (id) ON DELETE CASCADE,
  CONSTRAINT ${prefix}fk_dlq_events_replayed_by FOREIGN KEY (replayed_by) REFERENCES ${prefix}users (id),
  CONSTRAINT ${prefix}fk_dlq_events_discarded_by FOREIGN KEY (discarded_by) REFERENCES ${prefix}users (id),
  CONSTRAINT ${prefix}ck_dlq_events_reason CHECK (reason IN ('RETRIES_EXHAUSTED', 'NON_RETRYABLE', 'TIMED_OUT', 'LOST')),
  CONSTRAINT ${prefix}ck_dlq_events_status CHECK (status IN ('PENDING', 'REPLAYED', 'DISCARDED'))
);
CREATE INDEX ${prefix}ix_dlq_events_created ON ${prefix}dlq_events (created_at);
CREATE INDEX ${prefix}ix_dlq_events_job ON ${prefix}dlq_events (job_id, id);
CREATE INDEX ${prefix}ix_dlq_events_status ON ${prefix}dlq_events (status, id);

-- Append-only: the application never updates or deletes a row. hash/prev_hash chain the rows.
CREATE TABLE ${prefix}audit_events (
  id          CHAR(26)     NOT NULL PRIMARY KEY,
  actor_id    CHAR(26)     NOT NULL,
  actor_role  VARCHAR(16)  NOT NULL,
  action      VARCHAR(24)  NOT NULL,
  entity_type VARCHAR(24)  NOT NULL,
  entity_id   CHAR(26)     NOT NULL,
  before_json JSONB,
  after_json  JSONB,
  node_id     VARCHAR(128) NOT NULL,
  occurred_at TIMESTAMPTZ NOT NULL,
  prev_hash   CHAR(64),
  hash        CHAR(64),
  CONSTRAINT ${prefix}ck_audit_events_role CHECK (actor_role IN ('USER', 'ADMIN', 'SYSTEM')),
  CONSTRAINT ${prefix}ck_audit_events_action CHECK (action IN ('CREATE', 'UPDATE', 'PAUSE', 'RESUME', 'DELETE', 'TRIGGER',
                                                      'CANCEL', 'REPLAY', 'DISCARD', 'SIGN_IN', 'ROLE_CHANGE',
                                                      'ACCESS_DENIED'))
);
CREATE INDEX ${prefix}ix_audit_events_entity ON ${prefix}audit_events (entity_type, entity_id, id);
CREATE INDEX ${prefix}ix_audit_events_actor ON ${prefix}audit_events (actor_id, id);
CREATE INDEX ${prefix}ix_audit_events_time ON ${prefix}audit_events (occurred_at);
