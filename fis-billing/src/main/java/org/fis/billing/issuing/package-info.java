/**
 * Issuing invoices: {@link org.fis.billing.issuing.InvoiceIssuer} calculates, numbers (gapless per
 * issuer and year) and stores invoices, their calculations, items, VAT lines and archived input
 * snapshots in insert-only tables, inside the caller's transaction; corrections are credit notes.
 */
package org.fis.billing.issuing;
