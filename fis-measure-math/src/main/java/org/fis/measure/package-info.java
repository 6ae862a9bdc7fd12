/**
 * The electrical measure algebra: exact quantities with units, phase, direction and tariff layers
 * with explicit "not available", composites, spans, expenditures, and calendar math. Pure JDK: no
 * database, no I/O.
 */
package org.fis.measure;
