/**
 * Meter push and device poll: the versioned JSON protocol ({@link org.fis.iot.PushHandler}, {@link
 * org.fis.iot.PollHandler}), device authentication and configuration ({@link
 * org.fis.iot.DeviceRegistry}), meter models as data ({@link org.fis.iot.MeterModels}), the raw
 * measurement store and exact quarter-hour/day/month aggregates ({@link
 * org.fis.iot.MeasurementIngest}, {@link org.fis.iot.AggregateQueries}).
 *
 * <p>Everything under {@code org.fis.iot.internal} is not API.
 */
package org.fis.iot;
