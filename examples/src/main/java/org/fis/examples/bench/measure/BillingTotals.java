package org.fis.examples.bench.measure;

/**
 * What billing needs from a month of readings, in milli-units: energy per tariff and direction, the
 * totals over tariffs, the net, and the peak quarter-hour import power.
 *
 * @param importT1Milli T1 import, mWh
 * @param importT2Milli T2 import, mWh
 * @param exportT1Milli T1 export, mWh
 * @param exportT2Milli T2 export, mWh
 * @param importMilli import over both tariffs, mWh
 * @param exportMilli export over both tariffs, mWh
 * @param netMilli import − export, mWh
 * @param peakPowerMilli the largest quarter-hour mean import power, mW
 */
public record BillingTotals(
    long importT1Milli,
    long importT2Milli,
    long exportT1Milli,
    long exportT2Milli,
    long importMilli,
    long exportMilli,
    long netMilli,
    long peakPowerMilli) {}
