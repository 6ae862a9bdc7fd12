/** The suite's own periodic work as ready fis-jobs schedules, one line each for a host. */
package org.fis.examples.schedules;
