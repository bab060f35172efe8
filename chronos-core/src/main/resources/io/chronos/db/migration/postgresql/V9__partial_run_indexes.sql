-- PostgreSQL only (H2 and MariaDB have no partial indexes and keep V2/V5's indexes).
--
-- Every claim and every completion updates a job_runs row and changes its status, so neither
-- update can be HOT and each one inserts an entry into every index whose key or predicate it
-- touches. V2/V5 indexed (node_id, status), (status, lease_expires_at) and (job_id, status) over
-- the whole history, which cost three index entries per update for the few rows that are RUNNING
-- or waiting at any time. Partial indexes hold only those rows: a completion (RUNNING to
-- SUCCEEDED) now writes no entry into them, a claim writes into the RUNNING ones only.

DROP INDEX ${prefix}ix_job_runs_node;
DROP INDEX ${prefix}ix_job_runs_lease;
DROP INDEX ${prefix}ix_job_runs_job_status;

-- Lease renewal, cancel requests and the fence, by node; recovery of expired leases.
CREATE INDEX ${prefix}ix_job_runs_running_node ON ${prefix}job_runs (node_id, lease_expires_at)
  WHERE status = 'RUNNING';
-- Claim-time concurrency (FORBID, SKIP): is another run of this job RUNNING?
CREATE INDEX ${prefix}ix_job_runs_running_job ON ${prefix}job_runs (job_id) WHERE status = 'RUNNING';
-- Pause, resume, next-run lookups and pending one-time runs of a job.
CREATE INDEX ${prefix}ix_job_runs_waiting ON ${prefix}job_runs (job_id) WHERE status IN ('QUEUED', 'HELD');
