package org.fis.billing.calculator;

/** Which catalogue prices an item and which subtotal it adds to. Immutable and thread-safe. */
public enum ItemGroup {
  /** The network-usage fee, paid to the distribution operator, priced by the usage catalogue. */
  USAGE,
  /** The electricity supply and regulated fees, priced by the supply catalogue. */
  SUPPLY
}
