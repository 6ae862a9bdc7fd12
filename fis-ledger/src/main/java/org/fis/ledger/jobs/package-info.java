/**
 * Insert-only, lease-based job processing on PostgreSQL.
 *
 * <p>{@link org.fis.ledger.jobs.JobQueue} enqueues jobs inside the caller's transaction; {@link
 * org.fis.ledger.jobs.JobProcessor} claims and runs them with registered {@link
 * org.fis.ledger.jobs.JobHandler}s, in transactions of its own. Every state change is a new row in
 * a status log; nothing is updated in place. See {@code fis-ledger/JOBS.md}.
 */
package org.fis.ledger.jobs;
