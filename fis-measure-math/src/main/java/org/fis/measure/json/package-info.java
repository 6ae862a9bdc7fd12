/**
 * The Jackson module of fis-measure-math: {@link org.fis.measure.json.MeasureModule} reads and
 * writes quantities, measures of every layer, spans, expenditures and intervals as JSON. Needs
 * {@code jackson-databind} on the class path (an optional dependency of the module).
 */
package org.fis.measure.json;
