/** Implementation of the measure algebra. Not API: may change without notice. */
package org.fis.measure.internal;
