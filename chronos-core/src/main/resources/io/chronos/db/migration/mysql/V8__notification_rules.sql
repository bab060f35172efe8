-- A job's own notification rules (JSON); NULL means the node's default rules.
ALTER TABLE jobs ADD COLUMN notification_rules JSON;
-- An interval's initial delay as given (start_at alone cannot tell it once the job was changed).
ALTER TABLE job_schedules ADD COLUMN initial_delay_ms BIGINT;
