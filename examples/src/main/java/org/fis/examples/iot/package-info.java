/**
 * The IoT HTTP host of {@code fis serve}: {@link org.fis.examples.iot.IotJettyServer} serves the
 * push and poll handlers on Jetty with the connection bound and deadlines of {@link
 * org.fis.examples.iot.IotServerLimits}.
 */
package org.fis.examples.iot;
