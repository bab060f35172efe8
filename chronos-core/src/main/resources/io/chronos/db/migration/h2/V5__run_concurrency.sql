-- The job's concurrency rule travels with each queued run, so the claim can skip runs of a FORBID
-- job that already has a RUNNING run without joining jobs on the hot path.
ALTER TABLE ${prefix}job_runs ADD COLUMN concurrency VARCHAR(16) DEFAULT 'ALLOW' NOT NULL;
ALTER TABLE ${prefix}job_runs ADD CONSTRAINT ${prefix}ck_job_runs_concurrency CHECK (concurrency IN ('ALLOW', 'FORBID', 'SKIP'));
CREATE INDEX ${prefix}ix_job_runs_job_status ON ${prefix}job_runs (job_id, status);
