-- What the pipeline needs of the rows this claim just stamped (read in the claim's transaction,
-- without locks: the rows are already locked by the claim).
SELECT s.gsrn, s.attempts,
  (SELECT min(c.sync_from) FROM fis_accountingpoint.controllable_unit c
   WHERE c.gsrn = s.gsrn) AS window_from
FROM fis_accountingpoint.sync_state s
WHERE s.gsrn = ANY(:gsrns) AND s.claim_token = :token
