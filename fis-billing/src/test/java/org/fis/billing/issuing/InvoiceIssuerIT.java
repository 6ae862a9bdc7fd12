package org.fis.billing.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.fis.billing.BillingMigrations;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Fixtures;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.RegisterReading;
import org.fis.billing.calculator.TariffModel;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = BillingMigrations.class)
class InvoiceIssuerIT {
  static final Instant NOW = Instant.parse("2026-02-01T08:00:00Z");
  static final Instant JAN_1 = Fixtures.localDate("2026-01-01");
  static final Instant FEB_1 = Fixtures.localDate("2026-02-01");
  private static final AtomicLong IDS = new AtomicLong();

  static Supplier<UUID> ids() {
    return () -> new UUID(0x0123_4567_89ab_cdefL, IDS.incrementAndGet());
  }

  static InvoiceIssuer issuer(Clock clock) {
    return InvoiceIssuer.create(
        InvoiceCalculator.create(CalculatorConfig.defaults()),
        IssuerConfig.defaults(),
        clock,
        ids());
  }

  static IssueRequest request(String issuerId, String userId) {
    return new IssueRequest(
        issuerId,
        new InvoiceRequest(
            userId,
            Fixtures.JANUARY,
            List.of(
                Fixtures.meter(
                    "m-" + userId,
                    TariffModel.DUAL_TARIFF_POWER_LV,
                    List.of(
                        RegisterReading.dual(JAN_1, 0, 0, 0, 0),
                        RegisterReading.dual(FEB_1, 1_736_000, 1_240_000, 400_000, 0)),
                    Fixtures.quarters(Fixtures.JANUARY, i -> 1_000)))),
        List.of(new Snapshot("network-user", userId, "{\"name\": \"Kava d.o.o.\"}")));
  }

  private final InvoiceIssuer issuer = issuer(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void an_issued_invoice_is_stored_and_read_back_unchanged(Jdbi jdbi) {
    IssueResult result = jdbi.inTransaction(h -> issuer.issue(h, request("dso-a", "user-1")));

    assertThat(result).isInstanceOf(IssueResult.Issued.class);
    IssuedInvoice issued = result.invoice();
    assertThat(issued.number()).isEqualTo("2026-000001");
    assertThat(issued.kind()).isEqualTo(DocumentKind.INVOICE);
    assertThat(issued.issuedAt()).isEqualTo(NOW);
    Optional<IssuedInvoice> found =
        jdbi.withHandle(h -> issuer.find(h, "dso-a", issued.invoiceId()));
    assertThat(found).contains(issued);
    Long items =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM fis_billing.calculation_item WHERE invoice_id = :id")
                    .bind("id", issued.invoiceId())
                    .mapTo(Long.class)
                    .one());
    assertThat(items).isEqualTo(issued.invoice().calculations().get(0).items().size());
    Instant storedStart =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT period_start FROM fis_billing.invoice WHERE invoice_id = :id")
                    .bind("id", issued.invoiceId())
                    .mapTo(java.time.OffsetDateTime.class)
                    .one()
                    .toInstant());
    assertThat(storedStart).isEqualTo(Fixtures.JANUARY.start());
  }

  @Test
  void issuing_the_same_network_user_and_period_twice_returns_the_first_invoice(Jdbi jdbi) {
    IssuedInvoice first =
        jdbi.inTransaction(h -> issuer.issue(h, request("dso-b", "user-1"))).invoice();
    IssueResult second = jdbi.inTransaction(h -> issuer.issue(h, request("dso-b", "user-1")));
    IssueResult other = jdbi.inTransaction(h -> issuer.issue(h, request("dso-b", "user-2")));

    assertThat(second).isEqualTo(new IssueResult.AlreadyIssued(first));
    assertThat(other.invoice().sequence()).as("no number was used by the repeat").isEqualTo(2);
  }

  @Test
  void the_inputs_are_archived_with_the_invoice(Jdbi jdbi) {
    IssuedInvoice issued =
        jdbi.inTransaction(h -> issuer.issue(h, request("dso-c", "user-1"))).invoice();

    List<Snapshot> snapshots =
        jdbi.withHandle(h -> issuer.snapshots(h, "dso-c", issued.invoiceId()));

    assertThat(snapshots)
        .extracting(Snapshot::kind)
        .containsExactly("calculator-config", "meter", "network-user");
    assertThat(snapshots.get(1).json())
        .contains("\"tariffModel\"", "\"usageCatalogues\"", "quarterHoursSha256", "LV_DUAL_POWER");
    assertThat(snapshots.get(2).json()).contains("Kava d.o.o.");
  }

  @Test
  void a_host_snapshot_that_is_not_json_is_rejected_and_nothing_is_stored(Jdbi jdbi) {
    IssueRequest bad =
        new IssueRequest(
            "dso-d",
            request("dso-d", "user-1").input(),
            List.of(new Snapshot("network-user", "user-1", "{not json")));

    assertThatThrownBy(() -> jdbi.useTransaction(h -> issuer.issue(h, bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hostSnapshots[0].json");
    assertThat(count(jdbi, "SELECT count(*) FROM fis_billing.invoice WHERE issuer_id = 'dso-d'"))
        .isZero();
  }

  @Test
  void a_credit_note_negates_the_invoice_takes_the_next_number_and_allows_a_new_revision(
      Jdbi jdbi) {
    IssuedInvoice invoice =
        jdbi.inTransaction(h -> issuer.issue(h, request("dso-e", "user-1"))).invoice();

    CreditResult credited =
        jdbi.inTransaction(h -> issuer.credit(h, "dso-e", invoice.invoiceId(), "wrong meter"));
    CreditResult again =
        jdbi.inTransaction(h -> issuer.credit(h, "dso-e", invoice.invoiceId(), "wrong meter"));
    IssueResult reissued = jdbi.inTransaction(h -> issuer.issue(h, request("dso-e", "user-1")));

    assertThat(credited).isInstanceOf(CreditResult.Credited.class);
    IssuedInvoice note = ((CreditResult.Credited) credited).creditNote();
    assertThat(note.kind()).isEqualTo(DocumentKind.CREDIT_NOTE);
    assertThat(note.number()).isEqualTo("2026-000002");
    assertThat(note.creditedInvoiceId()).isEqualTo(invoice.invoiceId());
    assertThat(note.invoice().grossTotal()).isEqualTo(invoice.invoice().grossTotal().negate());
    assertThat(again).isEqualTo(new CreditResult.AlreadyCredited(note));
    assertThat(reissued).isInstanceOf(IssueResult.Issued.class);
    assertThat(reissued.invoice().revision()).isEqualTo(1);
    assertThat(reissued.invoice().number()).isEqualTo("2026-000003");
    CreditResult creditNoteCredited =
        jdbi.inTransaction(h -> issuer.credit(h, "dso-e", note.invoiceId(), "x"));
    assertThat(creditNoteCredited).isEqualTo(new CreditResult.NotCreditable(note.invoiceId()));
    UUID unknown = new UUID(1, 1);
    CreditResult unknownCredited = jdbi.inTransaction(h -> issuer.credit(h, "dso-e", unknown, "x"));
    assertThat(unknownCredited).isEqualTo(new CreditResult.NotFound(unknown));
  }

  @Test
  void numbers_are_per_issuer_and_per_year_of_the_numbering_zone(Jdbi jdbi) {
    // 23:30 UTC on 31 December is already 2027 in Zagreb.
    InvoiceIssuer newYear =
        issuer(Clock.fixed(Instant.parse("2026-12-31T23:30:00Z"), ZoneOffset.UTC));

    IssuedInvoice a =
        jdbi.inTransaction(h -> newYear.issue(h, request("dso-f", "user-1"))).invoice();
    IssuedInvoice b =
        jdbi.inTransaction(h -> issuer.issue(h, request("dso-f", "user-2"))).invoice();
    IssuedInvoice c =
        jdbi.inTransaction(h -> issuer.issue(h, request("dso-g", "user-1"))).invoice();

    assertThat(a.number()).isEqualTo("2027-000001");
    assertThat(b.number()).isEqualTo("2026-000001");
    assertThat(c.number()).isEqualTo("2026-000001");
  }

  @Test
  void a_rolled_back_issue_gives_its_number_back(Jdbi jdbi) {
    try (Handle handle = jdbi.open()) {
      handle.begin();
      assertThat(issuer.issue(handle, request("dso-h", "user-1")).invoice().sequence())
          .isEqualTo(1);
      handle.rollback();
    }
    IssuedInvoice next =
        jdbi.inTransaction(h -> issuer.issue(h, request("dso-h", "user-2"))).invoice();

    assertThat(next.sequence()).isEqualTo(1);
  }

  @Test
  void issued_documents_cannot_be_updated_deleted_or_truncated(Jdbi jdbi) {
    IssuedInvoice issued =
        jdbi.inTransaction(h -> issuer.issue(h, request("dso-i", "user-1"))).invoice();
    String id = "'" + issued.invoiceId() + "'";
    List<String> changes =
        List.of(
            "UPDATE fis_billing.invoice SET gross_total = 0 WHERE invoice_id = " + id,
            "DELETE FROM fis_billing.invoice WHERE invoice_id = " + id,
            "UPDATE fis_billing.calculation SET total = 0 WHERE invoice_id = " + id,
            "DELETE FROM fis_billing.calculation WHERE invoice_id = " + id,
            "UPDATE fis_billing.calculation_item SET total = 0 WHERE invoice_id = " + id,
            "DELETE FROM fis_billing.calculation_item WHERE invoice_id = " + id,
            "UPDATE fis_billing.invoice_vat SET vat = 0 WHERE invoice_id = " + id,
            "DELETE FROM fis_billing.invoice_vat WHERE invoice_id = " + id,
            "UPDATE fis_billing.input_snapshot SET content = '{}' WHERE invoice_id = " + id,
            "DELETE FROM fis_billing.input_snapshot WHERE invoice_id = " + id,
            "TRUNCATE fis_billing.input_snapshot",
            "TRUNCATE fis_billing.invoice CASCADE");
    for (String change : changes) {
      assertThatThrownBy(() -> jdbi.useTransaction(h -> h.execute(change)))
          .as(change)
          .hasMessageContaining("insert-only");
    }
    Optional<IssuedInvoice> found =
        jdbi.withHandle(h -> issuer.find(h, "dso-i", issued.invoiceId()));
    assertThat(found).contains(issued);
  }

  @Test
  void issuing_outside_a_transaction_is_rejected_because_numbers_could_not_stay_gapless(Jdbi jdbi) {
    assertThatThrownBy(() -> jdbi.useHandle(h -> issuer.issue(h, request("dso-j", "user-1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handle: must be in a transaction");
    assertThat(
            count(
                jdbi, "SELECT count(*) FROM fis_billing.invoice_counter WHERE issuer_id = 'dso-j'"))
        .isZero();
  }

  static long count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
