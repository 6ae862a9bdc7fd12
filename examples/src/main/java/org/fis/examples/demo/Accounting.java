package org.fis.examples.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fis.billing.calculator.Catalogue;
import org.fis.billing.calculator.CatalogueTimeline;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.ItemKind;
import org.fis.billing.calculator.Price;
import org.fis.billing.issuing.InvoiceIssuer;
import org.fis.billing.issuing.IssueRequest;
import org.fis.billing.issuing.IssueResult;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.issuing.Snapshot;
import org.fis.ledger.AccountDefinition;
import org.fis.ledger.AccountType;
import org.fis.ledger.BalanceMode;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerDefinition;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.PostingResult;
import org.jdbi.v3.core.Handle;

/**
 * The books of the demo: the price catalogues, the chart of accounts, and issuing an invoice
 * together with its journal posting in one host transaction.
 */
final class Accounting {
  static final String LEDGER = "main";
  static final String CURRENCY = "EUR";
  static final String ISSUER = "dso-demo";
  static final String RECEIVABLES = "receivables";
  static final String REVENUE_NETWORK = "revenue-network";
  static final String REVENUE_SUPPLY = "revenue-supply";
  static final String VAT_PAYABLE = "vat-payable";

  private Accounting() {}

  /** The network usage catalogue, valid from {@code since} (white/red low-voltage prices). */
  static CatalogueTimeline usageCatalogues(Instant since) {
    Map<ItemKind, Price> prices = new EnumMap<>(ItemKind.class);
    prices.put(ItemKind.USAGE_ACTIVE_ENERGY_SINGLE, Price.of("0.036", "25"));
    prices.put(ItemKind.USAGE_ACTIVE_ENERGY_HIGH, Price.of("0.041", "25"));
    prices.put(ItemKind.USAGE_ACTIVE_ENERGY_LOW, Price.of("0.020", "25"));
    prices.put(ItemKind.USAGE_PEAK_POWER_HIGH, Price.of("3.70", "25"));
    prices.put(ItemKind.USAGE_EXCESS_REACTIVE_ENERGY, Price.of("0.016", "25"));
    prices.put(ItemKind.USAGE_METER_FEE, Price.of("2.65", "25"));
    return CatalogueTimeline.of(new Catalogue("network-lv-2026", CURRENCY, since, null, prices));
  }

  /** The supply catalogue, valid from {@code since}. */
  static CatalogueTimeline supplyCatalogues(Instant since) {
    Map<ItemKind, Price> prices = new EnumMap<>(ItemKind.class);
    prices.put(ItemKind.SUPPLY_ACTIVE_ENERGY_SINGLE, Price.of("0.090", "13"));
    prices.put(ItemKind.SUPPLY_ACTIVE_ENERGY_HIGH, Price.of("0.105", "13"));
    prices.put(ItemKind.SUPPLY_ACTIVE_ENERGY_LOW, Price.of("0.052", "13"));
    prices.put(ItemKind.SUPPLY_RENEWABLE_ENERGY_FEE, Price.of("0.013936", "13"));
    prices.put(ItemKind.SUPPLY_BUSINESS_USAGE_FEE, Price.of("0.0005", "13"));
    return CatalogueTimeline.of(new Catalogue("supply-2026", CURRENCY, since, null, prices));
  }

  /**
   * Opens the ledger and its accounts (idempotent). Revenue accounts keep async balances.
   *
   * @param accountKeys the network users' pseudonymous account keys ({@link NetworkUsers}), never
   *     their personal ids: journal accounts cannot be renamed or deleted
   */
  static void openBooks(Handle handle, Ledger ledger, List<String> accountKeys) {
    ledger.createLedger(handle, new LedgerDefinition(LEDGER, "Demo DSO"));
    ledger.openAccount(
        handle,
        AccountDefinition.of(RECEIVABLES, LEDGER, "Receivables", AccountType.ASSET, CURRENCY));
    for (String key : accountKeys) {
      ledger.openAccount(
          handle,
          AccountDefinition.of(
                  receivable(key), LEDGER, "Receivable " + key, AccountType.ASSET, CURRENCY)
              .withParentId(RECEIVABLES));
    }
    ledger.openAccount(
        handle,
        AccountDefinition.of(
                REVENUE_NETWORK, LEDGER, "Network revenue", AccountType.INCOME, CURRENCY)
            .withBalanceMode(BalanceMode.ASYNCHRONOUS));
    ledger.openAccount(
        handle,
        AccountDefinition.of(REVENUE_SUPPLY, LEDGER, "Supply revenue", AccountType.INCOME, CURRENCY)
            .withBalanceMode(BalanceMode.ASYNCHRONOUS));
    ledger.openAccount(
        handle,
        AccountDefinition.of(VAT_PAYABLE, LEDGER, "VAT payable", AccountType.LIABILITY, CURRENCY));
  }

  /** The receivable account of a network user, by pseudonymous account key. */
  static String receivable(String accountKey) {
    return "receivable:" + accountKey;
  }

  /** The demo issuer's printed identity and terms. */
  static org.fis.billing.document.IssuerProfile issuerProfile(java.time.ZoneId zone) {
    return org.fis.billing.document.IssuerProfile.of(
            new org.fis.billing.document.Party(
                "Demo Distribucija d.o.o.",
                "Ulica grada Vukovara 37",
                "10000",
                "Zagreb",
                "Croatia",
                "HR00000000001"),
            "HR1210010051863000160",
            zone)
        .withReferencePrefix("HR01");
  }

  /**
   * The demo's billing policy: an invoice with no usage data at all, or with a register that ran
   * backwards, is held back for a clerk; other warnings are issued and shown on the review page.
   */
  static final java.util.Set<org.fis.billing.calculator.WarningCode> BLOCKING =
      java.util.Set.of(
          org.fis.billing.calculator.WarningCode.NO_USAGE_DATA,
          org.fis.billing.calculator.WarningCode.REGISTER_DECREASED);

  /**
   * Issues the invoice and posts it to the journal in the caller's transaction: both or neither.
   * The network user's name and address are archived with the invoice (the document prints them
   * from there); the journal only sees the pseudonymous account key.
   *
   * @return issued (posted now), already issued (posted then), or held back (nothing written)
   */
  static IssueResult issueAndPost(
      Handle handle,
      InvoiceIssuer issuer,
      Ledger ledger,
      InvoiceRequest request,
      String accountKey,
      org.fis.billing.document.Party party) {
    IssueResult result =
        issuer.issue(
            handle,
            new IssueRequest(
                ISSUER,
                request,
                List.of(
                    new Snapshot(
                        org.fis.billing.document.InvoiceDocument.NETWORK_USER_SNAPSHOT,
                        request.networkUserId(),
                        party.toJson()))));
    IssuedInvoice issued;
    if (result instanceof IssueResult.Issued fresh) {
      issued = fresh.invoice();
    } else if (result instanceof IssueResult.AlreadyIssued || result instanceof IssueResult.Held) {
      return result; // posted when it was issued (idempotent anyway), or not issued at all
    } else {
      throw new AssertionError(result);
    }
    PostingResult posted = ledger.post(handle, posting(issued, accountKey));
    if (!(posted instanceof PostingResult.Posted) && !(posted instanceof PostingResult.Duplicate)) {
      throw new IllegalStateException(
          "posting of invoice " + issued.number() + " refused: " + posted);
    }
    return result;
  }

  private static PostingRequest posting(IssuedInvoice issued, String accountKey) {
    var invoice = issued.invoice();
    List<Line> lines = new ArrayList<>(4);
    lines.add(Line.debit(receivable(accountKey), invoice.grossTotal(), CURRENCY));
    addCredit(lines, REVENUE_NETWORK, invoice.usageTotal());
    addCredit(lines, REVENUE_SUPPLY, invoice.supplyTotal());
    addCredit(lines, VAT_PAYABLE, invoice.vatTotal());
    return PostingRequest.of(LEDGER, "invoice:" + issued.number(), issued.issuedAt(), lines);
  }

  private static void addCredit(List<Line> lines, String account, BigDecimal amount) {
    if (amount.signum() > 0) {
      lines.add(Line.credit(account, amount, CURRENCY));
    }
  }
}
