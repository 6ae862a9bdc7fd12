/**
 * The sides of {@code fis bench jobs}: fis-jobs, db-scheduler and a bare SKIP LOCKED queue, same
 * work.
 */
package org.fis.examples.bench.jobs;
