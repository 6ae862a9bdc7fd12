/** Implementation details of the test support. Not API: may change without notice. */
package org.fis.testing.internal;
