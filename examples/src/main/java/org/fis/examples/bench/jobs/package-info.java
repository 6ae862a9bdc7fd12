/** The two sides of {@code fis bench jobs}: fis-ledger jobs and db-scheduler, same work. */
package org.fis.examples.bench.jobs;
