/**
 * Sync engine for accounting point data from a datahub adapter: the adapter client ({@link
 * org.fis.accountingpoint.AdapterClient}), the local model with history, the merge, and the three
 * sync triggers (lookup, background workers, events). Every type in this package is API; {@code
 * internal} holds the rest.
 */
package org.fis.accountingpoint;
