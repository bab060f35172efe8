-- The job's concurrency rule travels with each queued run, so the claim can skip runs of a FORBID
-- job that already has a RUNNING run without joining jobs on the hot path.
ALTER TABLE job_runs ADD COLUMN concurrency VARCHAR(16) DEFAULT 'ALLOW' NOT NULL;
ALTER TABLE job_runs ADD CONSTRAINT ck_job_runs_concurrency CHECK (concurrency IN ('ALLOW', 'FORBID', 'SKIP'));
CREATE INDEX ix_job_runs_job_status ON job_runs (job_id, status);
