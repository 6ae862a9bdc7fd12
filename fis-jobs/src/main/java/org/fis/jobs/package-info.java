/**
 * Insert-only, lease-based job processing on PostgreSQL.
 *
 * <p>{@link org.fis.jobs.JobQueue} enqueues jobs inside the caller's transaction; {@link
 * org.fis.jobs.JobProcessor} claims and runs them with registered {@link org.fis.jobs.JobHandler}s,
 * in transactions of its own. Every state change is a new row in a status log; nothing is updated
 * in place. See {@code fis-jobs/README.md}.
 */
package org.fis.jobs;
