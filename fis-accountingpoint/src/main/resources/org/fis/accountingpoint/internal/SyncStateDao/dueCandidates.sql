-- Due rows in claim order, read without locks: the claim itself is one single-row (single-shard
-- on Citus) statement per candidate, so no statement locks rows of several accounting points.
SELECT gsrn FROM fis_accountingpoint.sync_state
WHERE released_at IS NULL AND next_due_at <= :now
  AND (sync_started_at IS NULL OR sync_started_at <= :staleBefore)
ORDER BY priority, next_due_at
LIMIT :limit
