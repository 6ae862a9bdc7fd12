package org.fis.springboot;

import java.util.List;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.issuing.InvoiceIssuer;
import org.fis.billing.issuing.IssueRequest;
import org.fis.billing.issuing.IssueResult;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.ledger.AccountDefinition;
import org.fis.ledger.AccountType;
import org.fis.ledger.BalanceMode;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerDefinition;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.PostingResult;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bill and post: fis-billing issues the invoice, fis-ledger posts it, the host records its order,
 * all in one {@code @Transactional} method. The two modules know nothing of each other; the host
 * glues them with the one handle Spring's transaction provides.
 */
@Service
public class BillingService {
  /** The ledger of the host's books. */
  public static final String BOOKS = "books";

  private final Jdbi jdbi;
  private final Ledger ledger;
  private final InvoiceIssuer issuer;
  private final HostAudit audit;

  BillingService(Jdbi jdbi, Ledger ledger, InvoiceIssuer issuer, HostAudit audit) {
    this.jdbi = jdbi;
    this.ledger = ledger;
    this.issuer = issuer;
    this.audit = audit;
  }

  /**
   * Creates the books once (idempotent): receivable and VAT balances are synchronous, revenue's is
   * asynchronous, so posting to it enqueues a balance job the ledger's job processor applies.
   */
  @Transactional
  public void openBooks() {
    jdbi.useHandle(
        h -> {
          ledger.createLedger(h, new LedgerDefinition(BOOKS, "Books"));
          ledger.openAccount(
              h, AccountDefinition.of("receivable", BOOKS, "Receivable", AccountType.ASSET, "EUR"));
          ledger.openAccount(
              h,
              AccountDefinition.of("revenue", BOOKS, "Revenue", AccountType.INCOME, "EUR")
                  .withBalanceMode(BalanceMode.ASYNCHRONOUS));
          ledger.openAccount(
              h, AccountDefinition.of("vat", BOOKS, "VAT", AccountType.LIABILITY, "EUR"));
        });
  }

  /**
   * Issues the invoice of a network user's period, posts it to the books and records the host's
   * order, in the caller's transaction (or a new one).
   *
   * @param orderId the host's order; used twice, the host's insert fails and nothing of this call
   *     stays (neither the invoice, its number, nor the posting)
   * @param request what to bill
   * @return the issued invoice (the first one, when it was issued before)
   */
  @Transactional
  public IssuedInvoice bill(String orderId, InvoiceRequest request) {
    IssuedInvoice issued =
        jdbi.withHandle(
            h -> {
              IssueResult result = issuer.issue(h, new IssueRequest("dso-1", request, List.of()));
              IssuedInvoice invoice = issued(result);
              var totals = invoice.invoice();
              PostingResult posted =
                  ledger.post(
                      h,
                      PostingRequest.of(
                          BOOKS,
                          "invoice:" + invoice.number(),
                          invoice.issuedAt(),
                          List.of(
                              Line.debit("receivable", totals.grossTotal(), "EUR"),
                              Line.credit("revenue", totals.netTotal(), "EUR"),
                              Line.credit("vat", totals.vatTotal(), "EUR"))));
              if (!posted.accepted()) {
                throw new IllegalStateException("posting refused: " + posted);
              }
              return invoice;
            });
    audit.record(orderId, "invoice", issued.number());
    return issued;
  }

  private static IssuedInvoice issued(IssueResult result) {
    if (result instanceof IssueResult.Issued fresh) {
      return fresh.invoice();
    }
    if (result instanceof IssueResult.AlreadyIssued earlier) {
      return earlier.invoice();
    }
    throw new IllegalStateException("invoice not issued: " + result);
  }
}
