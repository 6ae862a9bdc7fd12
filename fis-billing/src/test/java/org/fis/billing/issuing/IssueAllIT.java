package org.fis.billing.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fis.billing.BillingMigrations;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Fixtures;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.TariffModel;
import org.fis.billing.calculator.WarningCode;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = BillingMigrations.class)
class IssueAllIT {
  private static final Clock CLOCK = Clock.fixed(InvoiceIssuerIT.NOW, ZoneOffset.UTC);

  private static InvoiceIssuer issuer(Set<WarningCode> blocking) {
    return InvoiceIssuer.create(
        InvoiceCalculator.create(CalculatorConfig.defaults()),
        IssuerConfig.defaults().withBlockingWarnings(blocking),
        CLOCK,
        InvoiceIssuerIT.ids());
  }

  /** A network user whose meter sent nothing: its invoice carries NO_USAGE_DATA. */
  private static IssueRequest withoutData(String issuerId, String userId) {
    return new IssueRequest(
        issuerId,
        new InvoiceRequest(
            userId,
            Fixtures.JANUARY,
            List.of(
                Fixtures.meter("m-" + userId, TariffModel.DUAL_TARIFF_LV, List.of(), List.of()))),
        List.of());
  }

  @Test
  void a_batch_is_numbered_consecutively_in_request_order(Jdbi jdbi) {
    InvoiceIssuer issuer = issuer(Set.of());
    List<IssueRequest> requests = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      requests.add(InvoiceIssuerIT.request("batch-a", "user-" + i));
    }

    List<IssueResult> results = jdbi.inTransaction(h -> issuer.issueAll(h, requests));

    assertThat(results).hasSize(25).allMatch(r -> r instanceof IssueResult.Issued);
    for (int i = 0; i < 25; i++) {
      assertThat(results.get(i).invoice().sequence()).isEqualTo(i + 1L);
      assertThat(results.get(i).invoice().invoice().networkUserId()).isEqualTo("user-" + i);
      IssuedInvoice stored =
          jdbi.withHandle(h -> issuer.find(h, "batch-a", results.get(0).invoice().invoiceId()))
              .orElseThrow();
      assertThat(stored).isEqualTo(results.get(0).invoice());
    }
    long items =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM fis_billing.calculation_item WHERE issuer_id = 'batch-a'")
                    .mapTo(Long.class)
                    .one());
    long expected =
        results.stream()
            .mapToLong(
                r ->
                    r.invoice().invoice().calculations().stream()
                        .mapToLong(c -> c.items().size())
                        .sum())
            .sum();
    assertThat(items).isEqualTo(expected);
  }

  @Test
  void a_repeated_request_in_a_batch_and_one_issued_before_return_the_first_invoice(Jdbi jdbi) {
    InvoiceIssuer issuer = issuer(Set.of());
    IssuedInvoice before =
        jdbi.inTransaction(h -> issuer.issue(h, InvoiceIssuerIT.request("batch-b", "u1")))
            .invoice();

    List<IssueResult> results =
        jdbi.inTransaction(
            h ->
                issuer.issueAll(
                    h,
                    List.of(
                        InvoiceIssuerIT.request("batch-b", "u1"),
                        InvoiceIssuerIT.request("batch-b", "u2"),
                        InvoiceIssuerIT.request("batch-b", "u2"))));

    assertThat(results.get(0)).isInstanceOf(IssueResult.AlreadyIssued.class);
    assertThat(results.get(0).invoice()).isEqualTo(before);
    assertThat(results.get(1)).isInstanceOf(IssueResult.Issued.class);
    assertThat(results.get(1).invoice().sequence()).isEqualTo(2);
    assertThat(results.get(2)).isInstanceOf(IssueResult.AlreadyIssued.class);
    assertThat(results.get(2).invoice()).isEqualTo(results.get(1).invoice());
  }

  @Test
  void a_batch_naming_two_issuers_is_refused_before_anything_is_written(Jdbi jdbi) {
    InvoiceIssuer issuer = issuer(Set.of());
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h ->
                        issuer.issueAll(
                            h,
                            List.of(
                                InvoiceIssuerIT.request("batch-c", "u1"),
                                InvoiceIssuerIT.request("batch-d", "u1")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requests[1].issuerId");
    assertThat(count(jdbi, "batch-c") + count(jdbi, "batch-d")).isZero();
  }

  @Test
  void a_policy_that_blocks_a_warning_holds_the_invoice_back_without_taking_a_number(Jdbi jdbi) {
    InvoiceIssuer issuer = issuer(Set.of(WarningCode.NO_USAGE_DATA));

    List<IssueResult> results =
        jdbi.inTransaction(
            h ->
                issuer.issueAll(
                    h,
                    List.of(
                        withoutData("policy-a", "silent"),
                        InvoiceIssuerIT.request("policy-a", "fine"))));

    assertThat(results.get(0)).isInstanceOf(IssueResult.Held.class);
    IssueResult.Held held = (IssueResult.Held) results.get(0);
    assertThat(held.blocking()).extracting(w -> w.code()).containsOnly(WarningCode.NO_USAGE_DATA);
    assertThat(held.draft().networkUserId()).isEqualTo("silent");
    assertThatThrownBy(held::invoice).isInstanceOf(IllegalStateException.class);
    // The held invoice took no number: the next one is 1, and only it was stored.
    assertThat(results.get(1).invoice().sequence()).isEqualTo(1);
    assertThat(count(jdbi, "policy-a")).isEqualTo(1);
  }

  @Test
  void without_a_blocking_policy_the_same_invoice_is_issued_with_its_warning(Jdbi jdbi) {
    InvoiceIssuer issuer = issuer(Set.of());

    IssueResult result =
        jdbi.inTransaction(h -> issuer.issue(h, withoutData("policy-b", "silent")));

    assertThat(result).isInstanceOf(IssueResult.Issued.class);
    assertThat(result.invoice().invoice().warnings())
        .extracting(w -> w.code())
        .contains(WarningCode.NO_USAGE_DATA);
    assertThat(count(jdbi, "policy-b")).isEqualTo(1);
  }

  @Test
  void a_policy_on_another_warning_does_not_hold_the_invoice_back(Jdbi jdbi) {
    InvoiceIssuer issuer = issuer(Set.of(WarningCode.REGISTER_DECREASED));

    IssueResult result =
        jdbi.inTransaction(h -> issuer.issue(h, withoutData("policy-c", "silent")));

    assertThat(result).isInstanceOf(IssueResult.Issued.class);
  }

  private static long count(Jdbi jdbi, String issuerId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM fis_billing.invoice WHERE issuer_id = :issuer")
                .bind("issuer", issuerId)
                .mapTo(Long.class)
                .one());
  }
}
