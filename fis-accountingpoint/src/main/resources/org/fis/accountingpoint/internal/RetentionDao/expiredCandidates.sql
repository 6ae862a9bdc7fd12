-- Read without locks; each candidate is then locked on its own (single-shard on Citus).
SELECT gsrn FROM fis_accountingpoint.sync_state
WHERE released_at IS NOT NULL AND released_at <= :cutoff
ORDER BY released_at LIMIT :limit
