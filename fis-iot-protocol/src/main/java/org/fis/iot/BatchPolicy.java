package org.fis.iot;

/** What happens to the valid measurements of a batch that also holds invalid ones. */
public enum BatchPolicy {
  /** The batch is stored entirely or not at all; every error is listed. The default. */
  ATOMIC,
  /** The valid measurements are stored; the invalid ones are reported. */
  PARTIAL
}
