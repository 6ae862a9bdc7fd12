/**
 * The JMH benchmark behind {@code fis bench measure}: billing totals of a month of three-phase,
 * import/export, dual-tariff quarter-hour energy readings through fis-measure-math, a primitive
 * loop and javax.measure/Indriya.
 */
package org.fis.examples.bench.measure;
