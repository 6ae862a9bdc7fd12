/** Implementation of {@code org.fis.jobs}: not API, may change without notice. */
package org.fis.jobs.internal;
