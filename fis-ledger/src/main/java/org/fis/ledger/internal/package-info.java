/** Implementation of the ledger: not API, may change without notice. */
package org.fis.ledger.internal;
