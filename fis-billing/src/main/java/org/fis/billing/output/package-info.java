/**
 * Invoice output: JSON ({@link org.fis.billing.output.InvoiceJson}) and a printable, self-contained
 * HTML document with an inline SVG consumption chart ({@link org.fis.billing.output.InvoiceHtml}).
 * No database access.
 */
package org.fis.billing.output;
