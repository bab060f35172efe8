-- PostgreSQL only: keys and machine-written codes compare byte by byte (COLLATE "C").
--
-- Every key is a ULID (26 characters of Crockford's base 32, ASCII), whose byte order is its
-- order. Under the database's collation (en_US.UTF-8, C.UTF-8 or any other libc locale) each
-- comparison in a B-tree copies both values and calls strcoll, and sorts cannot use abbreviated
-- keys; under "C" a comparison is a memcmp. Every claim, completion and log line inserts entries
-- into indexes on these columns, and every list walks them. Measured on 2,000,000 log-line keys:
-- index builds 37 % faster (docs/benchmarks.md). The order does not change: ASCII digits and
-- upper-case letters sort the same in every locale this applies to. MariaDB already keeps these
-- columns in utf8mb4_bin; H2 compares strings by code point.
--
-- Only the collation changes, so no table is rewritten; the indexes on these columns are rebuilt.
-- Changing a column's type drops its statistics, so the tables are analyzed again at the end:
-- until then the planner would guess, and a server without autovacuum would keep guessing (seen
-- on a 5-million-run history: a job's runs with their logs went from 1.4 ms to 1.5 s).
-- Text people write (job names, tags, e-mail addresses, descriptions) keeps the database's
-- collation.

ALTER TABLE ${prefix}users
  ALTER COLUMN id TYPE CHAR(26) COLLATE "C";

ALTER TABLE ${prefix}jobs
  ALTER COLUMN id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN owner_id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN status TYPE VARCHAR(16) COLLATE "C",
  ALTER COLUMN job_type TYPE VARCHAR(32) COLLATE "C";

ALTER TABLE ${prefix}job_tags
  ALTER COLUMN job_id TYPE CHAR(26) COLLATE "C";

ALTER TABLE ${prefix}job_schedules
  ALTER COLUMN job_id TYPE CHAR(26) COLLATE "C";

ALTER TABLE ${prefix}job_payloads
  ALTER COLUMN job_id TYPE CHAR(26) COLLATE "C";

ALTER TABLE ${prefix}retry_policies
  ALTER COLUMN id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN job_id TYPE CHAR(26) COLLATE "C";

ALTER TABLE ${prefix}job_runs
  ALTER COLUMN id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN job_id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN lease_token TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN retry_of TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN fire_key TYPE VARCHAR(64) COLLATE "C",
  ALTER COLUMN node_id TYPE VARCHAR(128) COLLATE "C";

ALTER TABLE ${prefix}job_run_logs
  ALTER COLUMN id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN run_id TYPE CHAR(26) COLLATE "C";

ALTER TABLE ${prefix}notifications
  ALTER COLUMN id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN user_id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN job_id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN run_id TYPE CHAR(26) COLLATE "C";

ALTER TABLE ${prefix}dlq_events
  ALTER COLUMN id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN job_id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN run_id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN replayed_by TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN replay_run_id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN discarded_by TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN status TYPE VARCHAR(16) COLLATE "C";

ALTER TABLE ${prefix}audit_events
  ALTER COLUMN id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN actor_id TYPE CHAR(26) COLLATE "C",
  ALTER COLUMN entity_type TYPE VARCHAR(24) COLLATE "C",
  ALTER COLUMN entity_id TYPE CHAR(26) COLLATE "C";

ANALYZE ${prefix}users, ${prefix}jobs, ${prefix}job_tags, ${prefix}job_schedules, ${prefix}job_payloads,
  ${prefix}retry_policies, ${prefix}job_runs, ${prefix}job_run_logs, ${prefix}notifications,
  ${prefix}dlq_events, ${prefix}audit_events;
