-- The history seed of scenario 5, run by HistorySeed step by step (each "-- step:" line starts a
-- step, timed on its own). Placeholders: ${schema} (the Chronos schema), ${seed} (this seed's
-- helper schema), ${users}, ${jobs}, ${runs}, ${admins}, ${t_end_ms} (the seed's "now", epoch ms).
-- Steps marked [chunked] run once per chunk of run numbers, on two connections at a time, with no
-- index, key or constraint but the checks on job_runs and job_run_logs (HistorySeed).
-- Every value is a deterministic function of the row number: hash01(i, salt) is a uniform number in
-- [0, 1) and ${seed}.ulid(ms, seq) a time-ordered 26-character key (HistoryUlid), so a row can name
-- another row's key (a run its job, a log line its run) without a join.
--
-- Time line, ending at t_end: users created 400 days before, jobs during the 30 days after that,
-- runs spread evenly over the 365 days before the
-- last 10 minutes, each run's log lines 2 s after its scheduled time,
-- 5 ms apart. Owners are skewed (owner k = floor(users * u^2): the first users own thousands of
-- jobs, the last about 50 each; the last 1 % are the
-- ADMINs); so are runs (job x = floor(jobs * u^2): the oldest jobs have
-- thousands of runs, the newest a few). Every run has 3 log lines, every hundredth 103, so there
-- are exactly 4 lines per run on average.

-- step: helper functions
CREATE OR REPLACE FUNCTION ${seed}.hash01(i bigint, salt bigint) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT (hashint8extended(i, salt) & 2147483647)::float8 / 2147483648.0 $f$;
CREATE OR REPLACE FUNCTION ${seed}.user_ms(k bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT ${t_end_ms}::bigint - 400 * 86400000::bigint + k * 1000 $f$;
CREATE OR REPLACE FUNCTION ${seed}.user_id(k bigint) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT ${seed}.ulid(${seed}.user_ms(k), k) $f$;
CREATE OR REPLACE FUNCTION ${seed}.job_ms(x bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT ${t_end_ms}::bigint - 399 * 86400000::bigint + (x * 30 * 86400000::bigint) / ${jobs} $f$;
CREATE OR REPLACE FUNCTION ${seed}.job_id(x bigint) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT ${seed}.ulid(${seed}.job_ms(x), x) $f$;
CREATE OR REPLACE FUNCTION ${seed}.job_owner(x bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT floor(${users} * power(${seed}.hash01(x, 1), 2))::bigint $f$;
-- Schedule of job x: 60 % CRON, 30 % INTERVAL, 10 % MANUAL.
CREATE OR REPLACE FUNCTION ${seed}.job_schedule(x bigint) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT CASE WHEN ${seed}.hash01(x, 4) < 0.6 THEN 'CRON'
                     WHEN ${seed}.hash01(x, 4) < 0.9 THEN 'INTERVAL' ELSE 'MANUAL' END $f$;
CREATE OR REPLACE FUNCTION ${seed}.job_concurrency(x bigint) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT CASE WHEN ${seed}.hash01(x, 3) < 0.1 THEN 'FORBID' ELSE 'ALLOW' END $f$;
-- The runs, one row per run number i, with everything the run, its log lines and its dead letter
-- are made of; only the run numbers in [history_seed.lo, history_seed.hi) (session settings, set by
-- HistorySeed for each chunk of a "[chunked]" step, so that two connections load in parallel).
-- Status: 93 % SUCCEEDED, 4 % FAILED, 1 % TIMED_OUT, 1 % CANCELLED, 0.5 % SKIPPED,
-- 0.5 % LOST; a failed, timed-out or lost run is attempt 1 (60 %), 2 (25 %) or 3 (15 %), and
-- attempt 3 is dead-lettered (about 0.8 % of all runs).
-- OFFSET 0 keeps each level from being flattened into the next: without it PostgreSQL substitutes
-- the CASE expressions into every reference and recomputes their hashes many times per row.
CREATE OR REPLACE VIEW ${seed}.run_plan AS
SELECT i, ms, jx, status, attempt,
       ${seed}.job_id(jx) AS job_id, ${seed}.job_schedule(jx) AS job_schedule,
       ${seed}.job_concurrency(jx) AS job_concurrency,
       CASE WHEN status IN ('CANCELLED', 'SKIPPED') THEN NULL
            ELSE ms + (${seed}.hash01(i, 7) * 2000)::bigint END AS started_ms,
       CASE WHEN status IN ('CANCELLED', 'SKIPPED') THEN ms
            WHEN status = 'TIMED_OUT' THEN ms + 62000
            WHEN status = 'LOST' THEN ms + 120000
            ELSE ms + 2000 + 20 + (power(${seed}.hash01(i, 8), 3) * 30000)::bigint END AS finished_ms,
       status IN ('FAILED', 'TIMED_OUT', 'LOST') AND attempt = 3 AS dead
  FROM (
    SELECT i, ms, jx, status,
           CASE WHEN status NOT IN ('FAILED', 'TIMED_OUT', 'LOST') THEN 1
                WHEN ${seed}.hash01(i, 6) < 0.6 THEN 1
                WHEN ${seed}.hash01(i, 6) < 0.85 THEN 2 ELSE 3 END AS attempt
      FROM (
        SELECT i,
               ${t_end_ms}::bigint - 600000 - 365 * 86400000::bigint + (i * 365 * 86400000::bigint) / ${runs} AS ms,
               floor(${jobs} * power(${seed}.hash01(i, 4), 2))::bigint AS jx,
               CASE WHEN ${seed}.hash01(i, 5) < 0.93 THEN 'SUCCEEDED'
                    WHEN ${seed}.hash01(i, 5) < 0.97 THEN 'FAILED'
                    WHEN ${seed}.hash01(i, 5) < 0.98 THEN 'TIMED_OUT'
                    WHEN ${seed}.hash01(i, 5) < 0.99 THEN 'CANCELLED'
                    WHEN ${seed}.hash01(i, 5) < 0.995 THEN 'SKIPPED'
                    ELSE 'LOST' END AS status
          FROM generate_series(current_setting('history_seed.lo')::bigint,
                               current_setting('history_seed.hi')::bigint - 1) i
        OFFSET 0
      ) a
    OFFSET 0
  ) b
OFFSET 0;

-- step: users
INSERT INTO ${schema}.users (id, email, password_hash, display_name, role, enabled, created_at, updated_at)
SELECT ${seed}.user_id(k), 'user' || k || '@bench.local', NULL, 'Bench user ' || k,
       CASE WHEN k >= ${users} - ${admins} THEN 'ADMIN' ELSE 'USER' END, TRUE,
       to_timestamp((${seed}.user_ms(k))::float8 / 1000), to_timestamp((${seed}.user_ms(k))::float8 / 1000)
  FROM generate_series(0::bigint, ${users}::bigint - 1) k;

-- step: jobs
-- 85 % ACTIVE, 10 % PAUSED, 5 % DISABLED; names unique per owner because unique overall.
INSERT INTO ${schema}.jobs (id, owner_id, name, description, job_type, custom_type, status, timeout_ms,
                            concurrency, version, created_at, updated_at)
SELECT ${seed}.job_id(x), ${seed}.user_id(${seed}.job_owner(x)), 'job-' || x, 'history bench job ' || x,
       'DUMMY', NULL,
       CASE WHEN ${seed}.hash01(x, 2) < 0.85 THEN 'ACTIVE'
            WHEN ${seed}.hash01(x, 2) < 0.95 THEN 'PAUSED' ELSE 'DISABLED' END,
       CASE WHEN x % 4 = 0 THEN 60000 END,
       ${seed}.job_concurrency(x), 0,
       to_timestamp((${seed}.job_ms(x))::float8 / 1000), to_timestamp((${seed}.job_ms(x))::float8 / 1000)
  FROM generate_series(0::bigint, ${jobs}::bigint - 1) x;

-- step: job_schedules
-- Active recurring jobs have a planned next fire within the hour after the seed's end.
INSERT INTO ${schema}.job_schedules (job_id, schedule_type, cron_expression, time_zone, interval_ms,
                                     initial_delay_ms, start_at, run_at, misfire_policy, misfire_cap,
                                     next_fire_at)
SELECT ${seed}.job_id(x), s,
       CASE WHEN s = 'CRON' THEN '0 ' || (x % 60) || ' * * * ?' END,
       CASE WHEN s = 'CRON' THEN 'Europe/Berlin' END,
       CASE WHEN s = 'INTERVAL' THEN 600000 END,
       CASE WHEN s = 'INTERVAL' THEN 0 END,
       NULL, NULL, 'FIRE_ONCE', NULL,
       CASE WHEN s <> 'MANUAL' AND ${seed}.hash01(x, 2) < 0.85
            THEN to_timestamp((${t_end_ms}::bigint + (x % 3600) * 1000)::float8 / 1000) END
  FROM (SELECT x, ${seed}.job_schedule(x) AS s FROM generate_series(0::bigint, ${jobs}::bigint - 1) x) a;

-- step: job_payloads
INSERT INTO ${schema}.job_payloads (job_id, payload_type, dummy_mode, dummy_sleep_ms, dummy_fail_times,
                                    dummy_message, dummy_log_lines)
SELECT ${seed}.job_id(x), 'DUMMY', 'SUCCEED', NULL, 0, 'history bench', 3
  FROM generate_series(0::bigint, ${jobs}::bigint - 1) x;

-- step: job_runs [chunked]
INSERT INTO ${schema}.job_runs (id, job_id, status, attempt, fire_key, trigger_type, scheduled_at, not_before,
                                node_id, lease_token, lease_expires_at, started_at, finished_at, duration_ms,
                                error, result_summary, retry_of, backoff_ms, cancel_requested, created_at,
                                concurrency)
SELECT ${seed}.ulid(ms, i), job_id, status, attempt,
       CASE WHEN job_schedule = 'MANUAL' THEN 'M' ELSE 'S' END || ms,
       CASE WHEN attempt > 1 THEN 'RETRY'
            WHEN job_schedule = 'MANUAL' THEN 'MANUAL' ELSE 'SCHEDULE' END,
       to_timestamp(ms / 1000.0::float8), to_timestamp(ms / 1000.0::float8),
       CASE WHEN started_ms IS NOT NULL THEN 'node-' || (i % 4 + 1) END, NULL, NULL,
       to_timestamp(started_ms::float8 / 1000), to_timestamp(finished_ms::float8 / 1000),
       CASE WHEN started_ms IS NOT NULL AND status <> 'LOST' THEN finished_ms - started_ms END,
       CASE status WHEN 'FAILED' THEN 'java.io.IOException: connection reset by peer (simulated #' || (i % 97) || ')'
                   WHEN 'TIMED_OUT' THEN 'timed out after 60000 ms'
                   WHEN 'LOST' THEN 'lease expired on node-' || (i % 4 + 1)
                   WHEN 'CANCELLED' THEN 'cancelled by an operator'
                   WHEN 'SKIPPED' THEN 'skipped: the previous run was still running' END,
       CASE WHEN status = 'SUCCEEDED' THEN 'ok: ' || (i % 1000) || ' items' END,
       NULL,
       CASE WHEN attempt > 1 THEN 1000 * power(2, attempt - 2)::bigint END,
       FALSE, to_timestamp(ms / 1000.0::float8), job_concurrency
  FROM ${seed}.run_plan;

-- step: job_run_logs [chunked]
INSERT INTO ${schema}.job_run_logs (id, run_id, level, message, context, logged_at)
SELECT ${seed}.ulid(ms + 2000 + j * 5, i * 103 + j), run_id,
       CASE WHEN j = n - 1 AND status <> 'SUCCEEDED' THEN 'ERROR'
            WHEN j > 0 AND j < n - 1 AND j % 10 = 1 THEN 'DEBUG' ELSE 'INFO' END,
       CASE WHEN j = 0 THEN 'run started, attempt ' || attempt
            WHEN j = n - 1 THEN 'run ended ' || status
            ELSE 'step ' || j || ' of ' || (n - 2) || ': processed ' || ((i + j) % 500) || ' records' END,
       CASE WHEN j = n - 1 THEN jsonb_build_object('status', status, 'attempt', attempt) END,
       to_timestamp((ms + 2000 + j * 5)::float8 / 1000)
  -- OFFSET 0 keeps the subquery apart, so that each run's key is computed once, not per line.
  FROM (SELECT i, ms, status, attempt, CASE WHEN i % 100 = 0 THEN 103 ELSE 3 END AS n,
               ${seed}.ulid(ms, i) AS run_id
          FROM ${seed}.run_plan OFFSET 0) r
  CROSS JOIN LATERAL generate_series(0, r.n - 1) j;

-- step: dlq_events [chunked]
-- Dead letters of the last 7 days are PENDING; older ones 20 % PENDING, 40 % REPLAYED, 40 % DISCARDED
-- (by the last user, an ADMIN, an hour later).
INSERT INTO ${schema}.dlq_events (id, job_id, run_id, reason, error, attempts, payload_snapshot, status,
                                  replayed_by, replay_run_id, discarded_by, discard_reason, resolved_at,
                                  created_at)
SELECT ${seed}.ulid(finished_ms + 1, i), job_id, ${seed}.ulid(ms, i),
       CASE status WHEN 'FAILED' THEN 'RETRIES_EXHAUSTED' WHEN 'TIMED_OUT' THEN 'TIMED_OUT' ELSE 'LOST' END,
       CASE status WHEN 'FAILED' THEN 'java.io.IOException: connection reset by peer (simulated #' || (i % 97) || ')'
                   WHEN 'TIMED_OUT' THEN 'timed out after 60000 ms'
                   ELSE 'lease expired on node-' || (i % 4 + 1) END,
       attempt, '{"type": "DUMMY", "mode": "SUCCEED"}'::jsonb, d,
       CASE WHEN d = 'REPLAYED' THEN ${seed}.user_id(${users} - 1) END, NULL,
       CASE WHEN d = 'DISCARDED' THEN ${seed}.user_id(${users} - 1) END,
       CASE WHEN d = 'DISCARDED' THEN 'obsolete' END,
       CASE WHEN d <> 'PENDING' THEN to_timestamp((finished_ms + 3600000)::float8 / 1000) END,
       to_timestamp((finished_ms + 1)::float8 / 1000)
  FROM (SELECT *, CASE WHEN finished_ms > ${t_end_ms}::bigint - 7 * 86400000::bigint THEN 'PENDING'
                       WHEN ${seed}.hash01(i, 9) < 0.2 THEN 'PENDING'
                       WHEN ${seed}.hash01(i, 9) < 0.6 THEN 'REPLAYED' ELSE 'DISCARDED' END AS d
          FROM ${seed}.run_plan WHERE dead) r;
