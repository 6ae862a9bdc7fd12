package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.fis.ledger.internal.Canonical;
import org.junit.jupiter.api.Test;

class RecordsTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00.123456789Z");

  @Test
  void line_amounts_are_normalised_to_scale_nine_so_equal_values_are_equal_lines() {
    assertThat(Line.debit("a", new BigDecimal("10.0"), "EUR"))
        .isEqualTo(Line.debit("a", new BigDecimal("10.000"), "EUR"));
    assertThat(Line.debit("a", new BigDecimal("1E+2"), "EUR").amount()).isEqualByComparingTo("100");
  }

  @Test
  void amounts_beyond_nine_decimals_or_29_integer_digits_are_rejected_not_rounded() {
    assertThatThrownBy(() -> Line.debit("a", new BigDecimal("1.0000000001"), "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never rounds");
    assertThatThrownBy(() -> Line.debit("a", new BigDecimal("1E+29"), "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
    assertThat(Line.debit("a", new BigDecimal("99999999999999999999999999999.999999999"), "EUR"))
        .isNotNull();
  }

  @Test
  void currency_codes_and_ids_are_checked_with_the_parameter_name() {
    assertThatThrownBy(() -> Line.debit("a", BigDecimal.ONE, "eur"))
        .hasMessageStartingWith("currency");
    assertThatThrownBy(() -> Line.debit("", BigDecimal.ONE, "EUR"))
        .hasMessageStartingWith("accountId");
    assertThatThrownBy(() -> Line.debit(null, BigDecimal.ONE, "EUR"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("accountId");
  }

  @Test
  void times_are_truncated_to_microseconds_and_metadata_is_canonical() {
    PostingRequest request =
        new PostingRequest(
            "l",
            "o",
            T,
            T,
            List.of(
                Line.debit("a", BigDecimal.ONE, "EUR"), Line.credit("b", BigDecimal.ONE, "EUR")),
            "{ \"z\": [1, 2.50], \"a\": {\"y\": null, \"b\": true} }");
    assertThat(request.postingTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    assertThat(request.metadataJson()).isEqualTo("{\"a\":{\"b\":true,\"y\":null},\"z\":[1,2.5]}");
  }

  @Test
  void the_request_hash_ignores_scale_and_key_order_but_not_content() {
    PostingRequest a =
        new PostingRequest(
            "l",
            "o",
            T,
            T,
            List.of(
                Line.debit("a", new BigDecimal("1.0"), "EUR"),
                Line.credit("b", BigDecimal.ONE, "EUR")),
            "{\"x\":1,\"y\":2}");
    PostingRequest b =
        new PostingRequest(
            "l",
            "o",
            T,
            T,
            List.of(
                Line.debit("a", BigDecimal.ONE, "EUR"),
                Line.credit("b", new BigDecimal("1.00"), "EUR")),
            "{\"y\":2,\"x\":1}");
    assertThat(Canonical.requestHash(a)).isEqualTo(Canonical.requestHash(b));
    assertThat(Canonical.requestHash(a))
        .isNotEqualTo(Canonical.requestHash(a.withMetadataJson("{\"x\":1}")));
    assertThat(Canonical.requestHash(a))
        .isNotEqualTo(Canonical.requestHash(new HoldRequest(a, null)));
  }

  @Test
  void balance_sides_follow_the_normal_side_of_the_account_type() {
    Balance asset =
        new Balance(
            "a", "EUR", AccountType.ASSET.normalSide(), bd("10"), bd("3"), bd("0"), bd("2"));
    Balance liability =
        new Balance(
            "l", "EUR", AccountType.LIABILITY.normalSide(), bd("3"), bd("10"), bd("4"), bd("0"));
    assertThat(asset.posted()).isEqualByComparingTo("7");
    assertThat(asset.available()).isEqualByComparingTo("5");
    assertThat(liability.posted()).isEqualByComparingTo("7");
    assertThat(liability.available()).isEqualByComparingTo("3");
    assertThat(AccountType.INCOME.normalSide()).isEqualTo(Side.CREDIT);
    assertThat(AccountType.EXPENSE.normalSide()).isEqualTo(Side.DEBIT);
  }

  @Test
  void configuration_rejects_non_positive_limits_and_requests_reject_self_reference() {
    assertThatThrownBy(() -> LedgerConfig.defaults().withCommandsPerCallMax(0))
        .hasMessageStartingWith("commandsPerCallMax");
    assertThatThrownBy(() -> new ReversalRequest("l", "o", "o", T, T, "{}"))
        .hasMessageStartingWith("reversedOperationId");
    assertThatThrownBy(
            () -> AccountDefinition.of("a", "l", "A", AccountType.ASSET, "EUR").withParentId("a"))
        .hasMessageStartingWith("parentId");
  }

  private static BigDecimal bd(String value) {
    return new BigDecimal(value);
  }
}
