/**
 * Test and demo helpers shipped in main sources: a JDK {@code HttpServer} adapter that serves
 * {@link org.fis.iot.PushHandler} and {@link org.fis.iot.PollHandler}, and a simulated gateway that
 * pushes generated readings over real HTTP. Not meant for production traffic.
 */
package org.fis.iot.simulator;
