/** Implementation of the invoice calculator: not API, may change without notice. */
package org.fis.billing.calculator.internal;
