-- A job's own notification rules (JSON); NULL means the node's default rules.
ALTER TABLE jobs ADD COLUMN notification_rules JSONB;
