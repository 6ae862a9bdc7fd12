package org.fis.examples;

/** Keys of the simulated peers in the example commands. Not secrets: demo values only. */
public final class DemoKeys {
  /** The simulated datahub adapter's Bearer key. */
  public static final String ADAPTER_KEY = "demo-adapter-key-not-a-secret";

  private DemoKeys() {}
}
