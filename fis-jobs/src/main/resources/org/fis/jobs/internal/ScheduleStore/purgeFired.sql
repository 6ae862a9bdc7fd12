-- Deletes up to :limit fired instants older than :before, never a schedule's latest one (its
-- position: the planner fires only instants after it). Per schedule a range of its primary key
-- (schedule_name, fire_at), oldest first. Instants of schedules no longer defined are not
-- reached (they are few: a removed schedule's instants stop growing).
WITH old AS MATERIALIZED (
  SELECT o.schedule_name, o.fire_at
  FROM fis_jobs.schedule s
  CROSS JOIN LATERAL (
    SELECT f.schedule_name, f.fire_at FROM fis_jobs.schedule_fire f
    WHERE f.schedule_name = s.schedule_name AND f.fire_at < CAST(:before AS timestamptz)
      AND f.fire_at < (SELECT max(l.fire_at) FROM fis_jobs.schedule_fire l
                       WHERE l.schedule_name = s.schedule_name)
    ORDER BY f.fire_at
    LIMIT :limit) o
  LIMIT :limit
), gone AS (
  DELETE FROM fis_jobs.schedule_fire f
  USING old o
  WHERE f.schedule_name = o.schedule_name AND f.fire_at = o.fire_at
  RETURNING 1
)
SELECT count(*) FROM gone
