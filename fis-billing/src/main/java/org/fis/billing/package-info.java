/**
 * fis-billing: the invoice calculator for network users ({@code calculator}, pure), issuing with
 * gapless numbers and insert-only storage ({@code issuing}, takes the caller's Jdbi handle), and
 * invoice output as JSON and printable HTML ({@code output}). {@link
 * org.fis.billing.BillingMigrations} applies the schema {@code fis_billing}.
 */
package org.fis.billing;
