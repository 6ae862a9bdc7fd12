/** Implementation of {@code org.fis.ledger.jobs}: not API, may change without notice. */
package org.fis.ledger.jobs.internal;
