-- Chronos plans the fires of recurring jobs itself (wall-clock cron arithmetic across daylight
-- saving) and catches up missed fires on the node's clock under the job's misfire policy.
-- next_fire_at: the fire time the job's Quartz one-shot trigger is set to (NULL: none planned).
-- misfire_cap: how many missed fires FIRE_ALL queues at most (the newest); NULL for the others.
ALTER TABLE ${prefix}job_schedules ADD COLUMN next_fire_at TIMESTAMPTZ;
ALTER TABLE ${prefix}job_schedules ADD COLUMN misfire_cap INT;
ALTER TABLE ${prefix}job_schedules ADD CONSTRAINT ${prefix}ck_job_schedules_misfire_cap CHECK (
  (misfire_policy = 'FIRE_ALL' AND misfire_cap BETWEEN 1 AND 1000)
  OR (misfire_policy <> 'FIRE_ALL' AND misfire_cap IS NULL));
