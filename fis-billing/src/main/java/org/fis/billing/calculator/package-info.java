/**
 * The pure invoice calculator: inputs ({@link org.fis.billing.calculator.InvoiceRequest}, {@link
 * org.fis.billing.calculator.MeterBilling}, readings and quarter hours), configuration (catalogue
 * timelines, tariff models, the tariff calendar, the rounding policy) and results (invoice →
 * calculations → items, VAT lines, warnings). No database, no I/O, no clock: the same input always
 * gives the same invoice.
 */
package org.fis.billing.calculator;
