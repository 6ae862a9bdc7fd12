package org.fis.billing.calculator;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a price catalogue: the prices valid from {@code validFrom} (inclusive) until
 * {@code validUntil} (exclusive, {@code null} = open-ended). Usage catalogues price the {@link
 * ItemGroup#USAGE} items of a tariff model, supply catalogues the {@link ItemGroup#SUPPLY} items.
 *
 * <p>Immutable and thread-safe.
 *
 * @param catalogueId identifies this version; stored on every item it priced
 * @param currency ISO 4217 code, e.g. {@code EUR}
 * @param validFrom first instant this version is valid
 * @param validUntil first instant it is no longer valid, or {@code null} when open-ended
 * @param prices the price of each item this version prices
 */
public record Catalogue(
    String catalogueId,
    String currency,
    Instant validFrom,
    Instant validUntil,
    Map<ItemKind, Price> prices) {

  /** Validates the version. */
  public Catalogue {
    Objects.requireNonNull(catalogueId, "catalogueId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(prices, "prices");
    if (catalogueId.isBlank()) {
      throw new IllegalArgumentException("catalogueId: must not be blank");
    }
    if (!currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("currency: expected an ISO 4217 code, got " + currency);
    }
    if (validUntil != null && !validUntil.isAfter(validFrom)) {
      throw new IllegalArgumentException(
          "validUntil: must be after validFrom " + validFrom + ", got " + validUntil);
    }
    prices =
        prices.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(prices));
  }

  /** Whether this version is valid at the instant. */
  public boolean validAt(Instant instant) {
    return !instant.isBefore(validFrom) && (validUntil == null || instant.isBefore(validUntil));
  }

  /** The price of an item, if this version prices it. */
  public Optional<Price> price(ItemKind kind) {
    return Optional.ofNullable(prices.get(kind));
  }
}
