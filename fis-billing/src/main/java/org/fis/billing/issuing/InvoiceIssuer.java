package org.fis.billing.issuing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fis.billing.BillingException;
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.CalculationItem;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.VatLine;
import org.fis.billing.issuing.internal.CreditNotes;
import org.fis.billing.issuing.internal.InvoiceStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues invoices and credit notes: calculates with the {@link InvoiceCalculator}, numbers them
 * gaplessly per issuer and year, and stores the document, its calculations, items, VAT lines and
 * archived input snapshots in insert-only tables.
 *
 * <p>Transactions: every method runs on the caller's {@link Handle}, inside the caller's
 * transaction, and never commits, rolls back or opens a connection. Numbers are gapless because the
 * issuer's counter row is advanced (and stays locked) in that same transaction: commit makes the
 * number and the invoice visible together, a rollback gives the number back. Concurrent issuers of
 * one issuer and year therefore serialize on the counter from the numbering step to their commit;
 * keep those transactions short. Issuing also takes a transaction-scoped advisory lock per issuer
 * and network user, so issuing the same network user and period twice, even concurrently, returns
 * the first invoice. Use READ COMMITTED (PostgreSQL's default); under REPEATABLE READ or
 * SERIALIZABLE a concurrent issuer fails with a serialization error that the host retries.
 *
 * <p>Thread-safe: holds only configuration.
 */
public final class InvoiceIssuer {
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceIssuer.class);

  /** A bound on the requests of one {@link #issueAll} batch. */
  public static final int ISSUE_BATCH_MAX = 1_000;

  /** A bound on snapshots read back per document. */
  public static final int SNAPSHOTS_READ_MAX = 20_000;

  private final InvoiceCalculator calculator;
  private final IssuerConfig config;
  private final Clock clock;
  private final Supplier<UUID> ids;

  private InvoiceIssuer(
      InvoiceCalculator calculator, IssuerConfig config, Clock clock, Supplier<UUID> ids) {
    this.calculator = calculator;
    this.config = config;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Creates an issuer.
   *
   * @param calculator the calculator; its rounding may give money at most 4 decimals (the storage
   *     scale)
   * @param config numbering configuration
   * @param clock the source of issue times
   * @param ids the source of document ids
   * @return the issuer
   */
  public static InvoiceIssuer create(
      InvoiceCalculator calculator, IssuerConfig config, Clock clock, Supplier<UUID> ids) {
    Objects.requireNonNull(calculator, "calculator");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    if (calculator.config().rounding().totalScale() > 4
        || calculator.config().rounding().items().values().stream()
            .anyMatch(r -> r.totalScale() > 4)) {
      throw new IllegalArgumentException(
          "calculator: money is stored with 4 decimals; the rounding policy asks for more");
    }
    LOG.debug("fis-billing issuer: {}", config);
    return new InvoiceIssuer(calculator, config, clock, ids);
  }

  /**
   * Issues the invoice of a network user and period, or returns the one already issued (unless it
   * was credited, in which case a new revision is issued). The same as {@link #issueAll} of one
   * request.
   *
   * @param handle the caller's handle, in a transaction (else {@link IllegalArgumentException})
   * @param request issuer, calculator input and host snapshots
   * @return {@link IssueResult.Issued}, {@link IssueResult.AlreadyIssued}, or {@link
   *     IssueResult.Held} when the configured policy marks one of its warnings blocking
   * @throws IllegalArgumentException when the input cannot be billed (see {@link
   *     InvoiceCalculator}) or a host snapshot is not JSON; nothing is written
   * @throws BillingException when the database fails
   */
  public IssueResult issue(Handle handle, IssueRequest request) {
    Objects.requireNonNull(request, "request");
    return issueAll(handle, List.of(request)).get(0);
  }

  /**
   * Issues a batch of invoices of one issuer in the caller's transaction, set-based: one advisory
   * lock statement, one look-up of earlier invoices, one counter advance for the whole batch, and
   * one batched insert per table, whatever the batch size. Each request is answered as {@link
   * #issue} would (already issued, held back, or issued with the next gapless number, in request
   * order); a request repeated within the batch returns the invoice of its first occurrence.
   *
   * @param handle the caller's handle, in a transaction (else {@link IllegalArgumentException})
   * @param requests at most {@link #ISSUE_BATCH_MAX} requests, all of one issuer
   * @return one result per request, in request order
   * @throws IllegalArgumentException when a request cannot be billed or names another issuer;
   *     nothing is written
   * @throws BillingException when the database fails
   */
  public List<IssueResult> issueAll(Handle handle, List<IssueRequest> requests) {
    requireTransaction(handle);
    Objects.requireNonNull(requests, "requests");
    if (requests.isEmpty()) {
      return List.of();
    }
    if (requests.size() > ISSUE_BATCH_MAX) {
      throw new IllegalArgumentException(
          "requests: " + requests.size() + " in one batch, at most " + ISSUE_BATCH_MAX);
    }
    String issuerId = requests.get(0).issuerId();
    for (int i = 0; i < requests.size(); i++) {
      if (!requests.get(i).issuerId().equals(issuerId)) {
        throw new IllegalArgumentException(
            "requests["
                + i
                + "].issuerId: "
                + requests.get(i).issuerId()
                + ", batch of "
                + issuerId);
      }
    }
    try {
      return new IssueBatch(calculator, config, issuerId, requests).run(handle, clock, ids);
    } catch (JdbiException e) {
      throw new BillingException(
          "issuing failed: issuer " + issuerId + ", " + requests.size() + " network users", e);
    }
  }

  /**
   * Credits an invoice in full with a credit note (the invoice itself is never changed).
   *
   * @param handle the caller's handle, in a transaction
   * @param issuerId the issuer
   * @param invoiceId the invoice to credit
   * @param reason why, printed on the credit note
   * @return the outcome
   * @throws BillingException when the database fails
   */
  public CreditResult credit(Handle handle, String issuerId, UUID invoiceId, String reason) {
    requireTransaction(handle);
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason: must not be blank");
    }
    try {
      Optional<IssuedInvoice> original = InvoiceStore.find(handle, issuerId, invoiceId);
      if (original.isEmpty()) {
        return new CreditResult.NotFound(invoiceId);
      }
      if (original.get().kind() != DocumentKind.INVOICE) {
        return new CreditResult.NotCreditable(invoiceId);
      }
      InvoiceStore.lockNetworkUser(handle, issuerId, original.get().invoice().networkUserId());
      Optional<IssuedInvoice> existing = InvoiceStore.creditNoteOf(handle, issuerId, invoiceId);
      if (existing.isPresent()) {
        return new CreditResult.AlreadyCredited(existing.get());
      }
      IssuedInvoice note =
          number(
              handle,
              issuerId,
              DocumentKind.CREDIT_NOTE,
              original.get().revision(),
              invoiceId,
              reason,
              CreditNotes.negate(original.get().invoice()));
      InvoiceStore.insert(handle, note, List.of());
      return new CreditResult.Credited(note);
    } catch (JdbiException e) {
      throw new BillingException(
          "crediting failed: issuer " + issuerId + ", invoice " + invoiceId, e);
    }
  }

  /**
   * One issued document.
   *
   * @param handle the caller's handle
   * @param issuerId the issuer
   * @param invoiceId the document id
   * @return the document, if it exists
   */
  public Optional<IssuedInvoice> find(Handle handle, String issuerId, UUID invoiceId) {
    Objects.requireNonNull(handle, "handle");
    try {
      return InvoiceStore.find(handle, issuerId, invoiceId);
    } catch (JdbiException e) {
      throw new BillingException(
          "reading failed: issuer " + issuerId + ", invoice " + invoiceId, e);
    }
  }

  /**
   * The archived input snapshots of a document, in the order they were stored.
   *
   * @param handle the caller's handle
   * @param issuerId the issuer
   * @param invoiceId the document id
   * @return at most {@link #SNAPSHOTS_READ_MAX} snapshots
   */
  public List<Snapshot> snapshots(Handle handle, String issuerId, UUID invoiceId) {
    Objects.requireNonNull(handle, "handle");
    try {
      return InvoiceStore.snapshots(handle, issuerId, invoiceId, SNAPSHOTS_READ_MAX);
    } catch (JdbiException e) {
      throw new BillingException(
          "reading snapshots failed: issuer " + issuerId + ", invoice " + invoiceId, e);
    }
  }

  private IssuedInvoice number(
      Handle handle,
      String issuerId,
      DocumentKind kind,
      int revision,
      UUID creditedId,
      String reason,
      Invoice invoice) {
    Instant now = clock.instant();
    int year = now.atZone(config.numberingZone()).getYear();
    long sequence = InvoiceStore.nextSequence(handle, issuerId, year);
    UUID id = Objects.requireNonNull(ids.get(), "ids: supplied null");
    String number = String.format(java.util.Locale.ROOT, "%d-%06d", year, sequence);
    return new IssuedInvoice(
        id, issuerId, number, year, sequence, kind, revision, creditedId, reason, now, invoice);
  }

  /**
   * Numbers are gapless only if the counter and the invoice commit together: outside a transaction
   * every statement would commit on its own.
   */
  private static void requireTransaction(Handle handle) {
    Objects.requireNonNull(handle, "handle");
    if (!handle.isInTransaction()) {
      throw new IllegalArgumentException(
          "handle: must be in a transaction (begin one, or use Jdbi.inTransaction)");
    }
  }

  static void checkStorable(Invoice invoice) {
    List<BigDecimal> amounts = new ArrayList<>();
    amounts.add(invoice.grossTotal());
    amounts.add(invoice.netTotal());
    for (VatLine line : invoice.vat()) {
      amounts.add(line.base());
      amounts.add(line.vat());
    }
    for (Calculation calculation : invoice.calculations()) {
      amounts.add(calculation.total());
      for (CalculationItem item : calculation.items()) {
        amounts.add(item.total());
      }
    }
    for (BigDecimal amount : amounts) {
      if (!InvoiceStore.fitsMoney(amount)) {
        throw new IllegalArgumentException(
            "input: amount " + amount.toPlainString() + " does not fit numeric(20,4)");
      }
    }
  }
}
