/**
 * The optional Micrometer binding of the FIS modules: implementations of the modules' metrics ports
 * ({@link org.fis.accountingpoint.SyncMetrics}, {@link org.fis.iot.IngestMetrics}, {@link
 * org.fis.ledger.LedgerMetrics}) and a {@link io.micrometer.core.instrument.binder.MeterBinder} for
 * the job processor, publishing under the names and tags documented in each class (and in {@code
 * fis-micrometer/README.md}).
 *
 * <p>The library modules do not depend on Micrometer; a host adds this artifact and hands the
 * binding to the module's {@code create} method or constructor. Every class here depends only on
 * the module it binds, so a host that uses one module needs only that module on its classpath.
 */
package org.fis.micrometer;
