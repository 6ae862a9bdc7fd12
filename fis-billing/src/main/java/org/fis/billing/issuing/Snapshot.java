package org.fis.billing.issuing;

import java.util.Objects;

/**
 * An archived input of an issued invoice, stored with it as JSON: the issuer archives every meter
 * (tariff model, active window, catalogue versions, digests of the usage data) and the calculator
 * configuration; the host adds its own (network user, location, address …). Immutable and
 * thread-safe.
 *
 * @param kind what it is, e.g. {@code network-user}, {@code location}, {@code meter}
 * @param key which one, e.g. the network user's id
 * @param json the content, a JSON value
 */
public record Snapshot(String kind, String key, String json) {
  /** Validates the snapshot (the JSON itself is checked when issuing). */
  public Snapshot {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(json, "json");
    if (kind.isBlank()) {
      throw new IllegalArgumentException("kind: must not be blank");
    }
  }
}
