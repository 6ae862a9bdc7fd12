/** Helpers of {@code fis bench sync}: the accounting point sync against the loopback simulator. */
package org.fis.examples.bench.sync;
