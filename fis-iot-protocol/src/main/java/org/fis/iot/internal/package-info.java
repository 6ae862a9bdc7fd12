/** Implementation of fis-iot-protocol. Not API: may change without notice. */
package org.fis.iot.internal;
