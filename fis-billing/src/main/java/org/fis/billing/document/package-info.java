/**
 * The invoice as a document to send: the parties ({@link org.fis.billing.document.Party}), the
 * issuer's printed terms ({@link org.fis.billing.document.IssuerProfile}) and the legal lines of
 * one issued invoice ({@link org.fis.billing.document.InvoiceDocument}). No database access, no
 * rendering: the renderers live in {@code org.fis.billing.output}.
 */
package org.fis.billing.document;
