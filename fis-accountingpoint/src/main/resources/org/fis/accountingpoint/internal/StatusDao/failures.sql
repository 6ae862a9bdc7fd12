SELECT gsrn, attempts, last_error, last_error_at, next_due_at
FROM fis_accountingpoint.sync_state WHERE attempts > 0
ORDER BY last_error_at DESC, gsrn LIMIT :limit
