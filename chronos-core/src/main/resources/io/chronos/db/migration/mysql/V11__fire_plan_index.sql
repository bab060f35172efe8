-- Every node's fire poller looks up the recurring jobs whose planned fire time has come, and the
-- earliest planned fire time, several times a second: an index on the plan.
CREATE INDEX ${prefix}ix_job_schedules_next_fire ON ${prefix}job_schedules (next_fire_at);
