-- Day and month aggregates are folded from the quarter-hour level after a push is acknowledged.
-- A push writes its raw rows and its quarter-hour rows of fis_iot.aggregate, and queues every
-- quarter hour it changed here (one row per quarter hour until it is folded). A fold job merges
-- the part of each queued quarter hour that is not yet in the day and month rows into them and
-- deletes the queue row, in one transaction under the meter's ingest lock. Queries of days and
-- months merge the folded row with the unfolded parts of the queued quarter hours, so that they
-- answer exactly as if everything were folded.
--
-- folded_count, folded_n and folded_sum_milli are the additive statistics of the quarter hour as
-- it was when it was last folded (0 and NULL when it never was): its unfolded part has the
-- differences of these, and the quarter hour's own minimum, maximum, first and last (which merge
-- idempotently). day_start and month_start are the quarter hour's day and month in the configured
-- zone, computed by the push.
CREATE TABLE aggregate_fold (
  meter_id          text COLLATE "C" NOT NULL,
  period_start      timestamptz NOT NULL,
  layout_id         integer     NOT NULL,
  day_start         timestamptz NOT NULL,
  month_start       timestamptz NOT NULL,
  queued_at         timestamptz NOT NULL,
  folded_count      bigint      NOT NULL CHECK (folded_count >= 0),
  folded_n          bigint[],
  folded_sum_milli  bigint[],
  PRIMARY KEY (meter_id, period_start, layout_id)
);
COMMENT ON TABLE aggregate_fold IS 'Quarter hours of fis_iot.aggregate not yet folded into their day and month rows; written by pushes, emptied by the fold job';
