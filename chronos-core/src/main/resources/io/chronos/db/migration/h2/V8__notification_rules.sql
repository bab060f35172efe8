-- A job's own notification rules (JSON); NULL means the node's default rules.
ALTER TABLE ${prefix}jobs ADD COLUMN notification_rules JSON;
-- An interval's initial delay as given (start_at alone cannot tell it once the job was changed).
ALTER TABLE ${prefix}job_schedules ADD COLUMN initial_delay_ms BIGINT;
-- Quartz's row locks exist up front. Without them, two first-ever job changes racing to insert a
-- lock row make Quartz roll the connection back and retry, and on the connection Chronos shares
-- with Quartz that rollback would undo the Chronos rows of the same transaction.
INSERT INTO ${prefix}QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES ('chronos', 'TRIGGER_ACCESS');
INSERT INTO ${prefix}QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES ('chronos', 'STATE_ACCESS');
