/**
 * fis-billing-iot: reads a meter's billing input ({@link org.fis.billingiot.MeterUsage}) from
 * fis-iot-protocol's storage, so that fis-billing does not depend on fis-iot-protocol.
 */
package org.fis.billingiot;
