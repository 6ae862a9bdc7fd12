package org.fis.jobs;

/**
 * A snapshot of a {@link JobProcessor}'s counters since it was created. Immutable.
 *
 * @param claimed jobs claimed (including takeovers of expired leases)
 * @param succeeded jobs completed successfully ("done")
 * @param failed failed attempts (handler exceptions, undecodable payloads, expired leases past the
 *     attempt limit): {@code retried + dead}
 * @param retried failed attempts scheduled for a retry with backoff
 * @param dead jobs dead-lettered after their last allowed attempt
 * @param leaseLost jobs whose result was rejected because the lease had been lost
 * @param released leases given back unfinished (shutdown, broken transaction)
 * @param archived finished jobs moved to the archive tables by this processor
 * @param timedOut attempts given up because the handler ran past {@link
 *     JobProcessorConfig.Lease#jobTimeout()} (counted in {@code failed} too)
 * @param lagMillis how long the jobs of the latest claim had been ready before they were claimed
 *     (the largest in that claim), in milliseconds of the database clock
 * @param inFlight jobs claimed and not yet finished or released
 */
public record JobMetrics(
    long claimed,
    long succeeded,
    long failed,
    long retried,
    long dead,
    long leaseLost,
    long released,
    long archived,
    long timedOut,
    long lagMillis,
    int inFlight) {}
