/** Implementation of issuing (SQL, archive building): not API, may change without notice. */
package org.fis.billing.issuing.internal;
