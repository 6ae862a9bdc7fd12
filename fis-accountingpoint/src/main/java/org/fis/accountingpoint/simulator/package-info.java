/**
 * A simulated datahub adapter implementing the accounting point adapter contract over real HTTP on
 * loopback: a documented test helper for hosts, used by this module's tests, the examples demo and
 * the sync benchmark. Not for production.
 */
package org.fis.accountingpoint.simulator;
