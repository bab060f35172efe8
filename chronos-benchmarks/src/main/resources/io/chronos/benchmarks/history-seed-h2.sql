-- The history seed of scenario 5 on an H2 file, run by HistorySeedH2 step by step (each "-- step:"
-- line starts a step, timed on its own). It writes the rows history-seed.sql writes on PostgreSQL
-- (read that file for the data model, the time line and the skew) with the same formulas, in H2's
-- SQL; only the hash values differ, not their distribution. Placeholders: ${schema}, ${seed},
-- ${users}, ${jobs}, ${runs}, ${admins}, ${t_end_ms}, ${epoch} (a TIMESTAMP WITH TIME ZONE literal
-- of 1970-01-01 UTC), ${run_plan} (the step "run plan", which is not run itself).
--
-- What H2 lacks, and what stands in for it:
-- - generate_series: SYSTEM_RANGE.
-- - SQL functions: ${seed}.hash01 and ${seed}.ulid are Java (H2SeedFunctions, CREATE ALIAS); the
--   per-job helpers of history-seed.sql (job_id, job_owner, job_schedule, job_concurrency) are
--   computed once per job into ${seed}.job_plan, which the runs join on the job number.
-- - the run_plan view: the step "run plan" is pasted into the steps over runs. Those run in chunks
--   of run numbers, the two ? parameters being the first and last run of a chunk, so that no
--   statement holds millions of uncommitted rows.
-- - CROSS JOIN LATERAL generate_series: each run joins ${seed}.lines, whose rows (n, j) are the
--   line numbers j of a run with n lines; LEFT JOIN keeps the runs as the outer side, so the lines
--   come out in key order (run, then line).
-- - to_timestamp(ms / 1000): DATEADD(MILLISECOND, ms, ${epoch}).

-- step: helper functions
CREATE ALIAS ${seed}.hash01 DETERMINISTIC FOR 'io.chronos.benchmarks.H2SeedFunctions.hash01';
CREATE ALIAS ${seed}.ulid DETERMINISTIC FOR 'io.chronos.benchmarks.H2SeedFunctions.ulid';
CREATE TABLE ${seed}.lines (n INT NOT NULL, j INT NOT NULL, PRIMARY KEY (n, j));
INSERT INTO ${seed}.lines SELECT 3, X FROM SYSTEM_RANGE(0, 2);
INSERT INTO ${seed}.lines SELECT 103, X FROM SYSTEM_RANGE(0, 102);
-- Job x: owner k = floor(users * u^2), 85 % ACTIVE, 10 % PAUSED, 5 % DISABLED; schedule 60 % CRON,
-- 30 % INTERVAL, 10 % MANUAL; 10 % FORBID.
CREATE TABLE ${seed}.job_plan (
  x BIGINT PRIMARY KEY, job_id CHAR(26) NOT NULL, job_ms BIGINT NOT NULL, owner_id CHAR(26) NOT NULL,
  job_status VARCHAR(16) NOT NULL, job_schedule VARCHAR(16) NOT NULL,
  job_concurrency VARCHAR(16) NOT NULL);
INSERT INTO ${seed}.job_plan
SELECT x, ${seed}.ulid(ms, x), ms,
       ${seed}.ulid(${t_end_ms}::bigint - 400 * 86400000::bigint + k * 1000, k),
       CASE WHEN u2 < 0.85::float THEN 'ACTIVE' WHEN u2 < 0.95::float THEN 'PAUSED' ELSE 'DISABLED' END,
       CASE WHEN u4 < 0.6::float THEN 'CRON' WHEN u4 < 0.9::float THEN 'INTERVAL' ELSE 'MANUAL' END,
       CASE WHEN ${seed}.hash01(x, 3) < 0.1::float THEN 'FORBID' ELSE 'ALLOW' END
  FROM (SELECT X AS x,
               ${t_end_ms}::bigint - 399 * 86400000::bigint + (X * 30 * 86400000::bigint) / ${jobs} AS ms,
               FLOOR(${users} * POWER(${seed}.hash01(X, 1), 2))::bigint AS k,
               ${seed}.hash01(X, 2) AS u2, ${seed}.hash01(X, 4) AS u4
          FROM SYSTEM_RANGE(0, ${jobs} - 1)) j;

-- step: run plan
-- history-seed.sql's run_plan for the runs ? to ?, in run order: 93 % SUCCEEDED, 4 % FAILED, 1 %
-- TIMED_OUT, 1 % CANCELLED, 0.5 % SKIPPED, 0.5 % LOST; a failed, timed-out or lost run is attempt
-- 1 (60 %), 2 (25 %) or 3 (15 %), and attempt 3 is dead-lettered. Each level computes a hash once
-- for the CASE above it.
SELECT i, ms, jx, status, attempt,
       CASE WHEN status IN ('CANCELLED', 'SKIPPED') THEN NULL
            ELSE ms + (${seed}.hash01(i, 7) * 2000)::bigint END AS started_ms,
       CASE WHEN status IN ('CANCELLED', 'SKIPPED') THEN ms
            WHEN status = 'TIMED_OUT' THEN ms + 62000
            WHEN status = 'LOST' THEN ms + 120000
            ELSE ms + 2000 + 20 + (POWER(${seed}.hash01(i, 8), 3) * 30000)::bigint END AS finished_ms,
       status IN ('FAILED', 'TIMED_OUT', 'LOST') AND attempt = 3 AS dead
  FROM (
    SELECT i, ms, jx, status,
           CASE WHEN status NOT IN ('FAILED', 'TIMED_OUT', 'LOST') THEN 1
                WHEN ${seed}.hash01(i, 6) < 0.6::float THEN 1
                WHEN ${seed}.hash01(i, 6) < 0.85::float THEN 2 ELSE 3 END AS attempt
      FROM (
        SELECT i, ms, jx,
               CASE WHEN u5 < 0.93::float THEN 'SUCCEEDED' WHEN u5 < 0.97::float THEN 'FAILED'
                    WHEN u5 < 0.98::float THEN 'TIMED_OUT' WHEN u5 < 0.99::float THEN 'CANCELLED'
                    WHEN u5 < 0.995::float THEN 'SKIPPED' ELSE 'LOST' END AS status
          FROM (
            SELECT X AS i,
                   ${t_end_ms}::bigint - 600000 - 365 * 86400000::bigint
                     + (X * 365 * 86400000::bigint) / ${runs} AS ms,
                   FLOOR(${jobs} * POWER(${seed}.hash01(X, 4), 2))::bigint AS jx,
                   ${seed}.hash01(X, 5) AS u5
              FROM SYSTEM_RANGE(?, ?)) a
      ) b
  ) c

-- step: users
INSERT INTO ${schema}.users (id, email, password_hash, display_name, role, enabled, created_at, updated_at)
SELECT ${seed}.ulid(ms, k), 'user' || k || '@bench.local', NULL, 'Bench user ' || k,
       CASE WHEN k >= ${users} - ${admins} THEN 'ADMIN' ELSE 'USER' END, TRUE,
       DATEADD(MILLISECOND, ms, ${epoch}), DATEADD(MILLISECOND, ms, ${epoch})
  FROM (SELECT X AS k, ${t_end_ms}::bigint - 400 * 86400000::bigint + X * 1000 AS ms
          FROM SYSTEM_RANGE(0, ${users} - 1)) u;

-- step: jobs
INSERT INTO ${schema}.jobs (id, owner_id, name, description, job_type, custom_type, status, timeout_ms,
                            concurrency, version, created_at, updated_at)
SELECT job_id, owner_id, 'job-' || x, 'history bench job ' || x, 'DUMMY', NULL, job_status,
       CASE WHEN x % 4 = 0 THEN 60000 END, job_concurrency, 0,
       DATEADD(MILLISECOND, job_ms, ${epoch}), DATEADD(MILLISECOND, job_ms, ${epoch})
  FROM ${seed}.job_plan ORDER BY x;

-- step: job_schedules
-- Active recurring jobs have a planned next fire within the hour after the seed's end.
INSERT INTO ${schema}.job_schedules (job_id, schedule_type, cron_expression, time_zone, interval_ms,
                                     initial_delay_ms, start_at, run_at, misfire_policy, misfire_cap,
                                     next_fire_at)
SELECT job_id, job_schedule,
       CASE WHEN job_schedule = 'CRON' THEN '0 ' || (x % 60) || ' * * * ?' END,
       CASE WHEN job_schedule = 'CRON' THEN 'Europe/Berlin' END,
       CASE WHEN job_schedule = 'INTERVAL' THEN 600000 END,
       CASE WHEN job_schedule = 'INTERVAL' THEN 0 END,
       NULL, NULL, 'FIRE_ONCE', NULL,
       CASE WHEN job_schedule <> 'MANUAL' AND job_status = 'ACTIVE'
            THEN DATEADD(MILLISECOND, ${t_end_ms}::bigint + (x % 3600) * 1000, ${epoch}) END
  FROM ${seed}.job_plan ORDER BY x;

-- step: job_payloads
INSERT INTO ${schema}.job_payloads (job_id, payload_type, dummy_mode, dummy_sleep_ms, dummy_fail_times,
                                    dummy_message, dummy_log_lines)
SELECT job_id, 'DUMMY', 'SUCCEED', NULL, 0, 'history bench', 3
  FROM ${seed}.job_plan ORDER BY x;

-- step: job_runs
INSERT INTO ${schema}.job_runs (id, job_id, status, attempt, fire_key, trigger_type, scheduled_at, not_before,
                                node_id, lease_token, lease_expires_at, started_at, finished_at, duration_ms,
                                error, result_summary, retry_of, backoff_ms, cancel_requested, created_at,
                                concurrency)
DIRECT
SELECT ${seed}.ulid(ms, i), job_id, status, attempt,
       CASE WHEN job_schedule = 'MANUAL' THEN 'M' ELSE 'S' END || ms,
       CASE WHEN attempt > 1 THEN 'RETRY'
            WHEN job_schedule = 'MANUAL' THEN 'MANUAL' ELSE 'SCHEDULE' END,
       DATEADD(MILLISECOND, ms, ${epoch}), DATEADD(MILLISECOND, ms, ${epoch}),
       CASE WHEN started_ms IS NOT NULL THEN 'node-' || (i % 4 + 1) END, NULL, NULL,
       DATEADD(MILLISECOND, started_ms, ${epoch}), DATEADD(MILLISECOND, finished_ms, ${epoch}),
       CASE WHEN started_ms IS NOT NULL AND status <> 'LOST' THEN finished_ms - started_ms END,
       CASE status WHEN 'FAILED' THEN 'java.io.IOException: connection reset by peer (simulated #' || (i % 97) || ')'
                   WHEN 'TIMED_OUT' THEN 'timed out after 60000 ms'
                   WHEN 'LOST' THEN 'lease expired on node-' || (i % 4 + 1)
                   WHEN 'CANCELLED' THEN 'cancelled by an operator'
                   WHEN 'SKIPPED' THEN 'skipped: the previous run was still running' END,
       CASE WHEN status = 'SUCCEEDED' THEN 'ok: ' || (i % 1000) || ' items' END,
       NULL,
       CASE WHEN attempt > 1 THEN 1000 * POWER(2, attempt - 2)::bigint END,
       FALSE, DATEADD(MILLISECOND, ms, ${epoch}), job_concurrency
  FROM (${run_plan}) r LEFT JOIN ${seed}.job_plan p ON p.x = r.jx;

-- step: dlq_events
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
       attempt, JSON '{"type": "DUMMY", "mode": "SUCCEED"}', d,
       CASE WHEN d = 'REPLAYED' THEN (SELECT id FROM ${schema}.users WHERE email = 'user' || (${users} - 1) || '@bench.local') END,
       NULL,
       CASE WHEN d = 'DISCARDED' THEN (SELECT id FROM ${schema}.users WHERE email = 'user' || (${users} - 1) || '@bench.local') END,
       CASE WHEN d = 'DISCARDED' THEN 'obsolete' END,
       CASE WHEN d <> 'PENDING' THEN DATEADD(MILLISECOND, finished_ms + 3600000, ${epoch}) END,
       DATEADD(MILLISECOND, finished_ms + 1, ${epoch})
  FROM (SELECT r.*, CASE WHEN finished_ms > ${t_end_ms}::bigint - 7 * 86400000::bigint THEN 'PENDING'
                         WHEN ${seed}.hash01(i, 9) < 0.2::float THEN 'PENDING'
                         WHEN ${seed}.hash01(i, 9) < 0.6::float THEN 'REPLAYED' ELSE 'DISCARDED' END AS d
          FROM (${run_plan}) r WHERE dead) x
  LEFT JOIN ${seed}.job_plan p ON p.x = x.jx;

-- step: job_run_logs
INSERT INTO ${schema}.job_run_logs (id, run_id, level, message, context, logged_at)
DIRECT
SELECT ${seed}.ulid(ms + 2000 + j * 5, i * 103 + j), run_id,
       CASE WHEN j = n - 1 AND status <> 'SUCCEEDED' THEN 'ERROR'
            WHEN j > 0 AND j < n - 1 AND j % 10 = 1 THEN 'DEBUG' ELSE 'INFO' END,
       CASE WHEN j = 0 THEN 'run started, attempt ' || attempt
            WHEN j = n - 1 THEN 'run ended ' || status
            ELSE 'step ' || j || ' of ' || (n - 2) || ': processed ' || ((i + j) % 500) || ' records' END,
       CASE WHEN j = n - 1 THEN JSON_OBJECT('status': status, 'attempt': attempt) END,
       DATEADD(MILLISECOND, ms + 2000 + j * 5, ${epoch})
  FROM (SELECT i, ms, status, attempt, CASE WHEN i % 100 = 0 THEN 103 ELSE 3 END AS rn,
               ${seed}.ulid(ms, i) AS run_id
          FROM (${run_plan}) p) r
  LEFT JOIN ${seed}.lines l ON l.n = r.rn;
