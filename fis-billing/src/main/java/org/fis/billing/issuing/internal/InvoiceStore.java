package org.fis.billing.issuing.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.CalculationItem;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.VatLine;
import org.fis.billing.issuing.DocumentKind;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.issuing.Snapshot;
import org.fis.billing.output.InvoiceJson;
import org.fis.measure.time.Interval;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The SQL of issuing, on the caller's handle: locks, the gapless counter, set-based inserts of an
 * issued document, and reads. Stateless and thread-safe.
 */
public final class InvoiceStore {
  private static final String COLUMNS =
      "invoice_id, issuer_id, number, year, sequence, kind, revision, credited_invoice_id,"
          + " credit_reason, issued_at, document::text AS document";

  /** The latest invoice (not credit note) of a network user and period, and whether credited. */
  public record Latest(IssuedInvoice invoice, boolean credited) {}

  /** A network user and period: what one invoice revision chain is about. */
  public record PeriodKey(String networkUserId, Interval period) {}

  private InvoiceStore() {}

  /** Serializes issuing for one issuer and network user until the caller's transaction ends. */
  public static void lockNetworkUser(Handle handle, String issuerId, String networkUserId) {
    handle
        .createQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .bind("key", "fis_billing/" + issuerId + "/" + networkUserId)
        .mapTo(String.class)
        .one();
  }

  /**
   * Serializes issuing for each network user of a batch until the caller's transaction ends, with
   * one statement. Keys are locked in sorted order so that two batches never wait on each other in
   * a cycle.
   */
  public static void lockNetworkUsers(Handle handle, String issuerId, List<PeriodKey> keys) {
    String[] locks =
        keys.stream()
            .map(k -> "fis_billing/" + issuerId + "/" + k.networkUserId())
            .distinct()
            .sorted()
            .toArray(String[]::new);
    handle
        .createQuery(
            "SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))"
                + " FROM unnest(CAST(:keys AS text[])) WITH ORDINALITY AS t(k, n)")
        .bindArray("keys", String.class, (Object[]) locks)
        .mapTo(Long.class)
        .one();
  }

  /**
   * The latest invoice of each network user and period of a batch, with one query; keys without an
   * invoice are absent from the map.
   */
  public static Map<PeriodKey, Latest> latestAll(
      Handle handle, String issuerId, List<PeriodKey> keys) {
    String[] users = new String[keys.size()];
    String[] starts = new String[keys.size()];
    String[] ends = new String[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      users[i] = keys.get(i).networkUserId();
      starts[i] = keys.get(i).period().start().toString();
      ends[i] = keys.get(i).period().end().toString();
    }
    Map<PeriodKey, Latest> latest = new HashMap<>();
    handle
        .createQuery(
            "SELECT DISTINCT ON (network_user_id, period_start, period_end) "
                + COLUMNS
                + ", network_user_id, period_start, period_end,"
                + " EXISTS (SELECT 1 FROM fis_billing.invoice c WHERE c.issuer_id = i.issuer_id"
                + " AND c.credited_invoice_id = i.invoice_id) AS credited"
                + " FROM fis_billing.invoice i"
                + " JOIN unnest(CAST(:users AS text[]), CAST(:starts AS timestamptz[]),"
                + " CAST(:ends AS timestamptz[])) AS r(u, s, e)"
                + " ON i.network_user_id = r.u AND i.period_start = r.s AND i.period_end = r.e"
                + " WHERE i.issuer_id = :issuer AND i.kind = 'INVOICE'"
                + " ORDER BY network_user_id, period_start, period_end, revision DESC")
        .bind("issuer", issuerId)
        .bindArray("users", String.class, (Object[]) users)
        .bindArray("starts", String.class, (Object[]) starts)
        .bindArray("ends", String.class, (Object[]) ends)
        .map((rs, ctx) -> new Latest(issued(rs), rs.getBoolean("credited")))
        .forEach(
            l ->
                latest.put(
                    new PeriodKey(
                        l.invoice().invoice().networkUserId(), l.invoice().invoice().period()),
                    l));
    return latest;
  }

  /**
   * Advances the counter of an issuer and year by {@code count} and returns the last sequence taken
   * (the batch's numbers are {@code last − count + 1 … last}). Gapless for the same reasons as
   * {@link #nextSequence}.
   */
  public static long nextSequences(Handle handle, String issuerId, int year, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count: must be positive, was " + count);
    }
    return handle
        .createQuery(
            "INSERT INTO fis_billing.invoice_counter AS c (issuer_id, year, last_sequence)"
                + " VALUES (:issuer, :year, :count) ON CONFLICT (issuer_id, year)"
                + " DO UPDATE SET last_sequence = c.last_sequence + :count RETURNING last_sequence")
        .bind("issuer", issuerId)
        .bind("year", year)
        .bind("count", count)
        .mapTo(Long.class)
        .one();
  }

  /**
   * Advances the counter of an issuer and year and returns the new sequence. The counter row stays
   * locked until the caller's transaction ends, so numbers are handed out in commit order and a
   * rolled-back transaction gives its number back: no gaps.
   */
  public static long nextSequence(Handle handle, String issuerId, int year) {
    return handle
        .createQuery(
            "INSERT INTO fis_billing.invoice_counter AS c (issuer_id, year, last_sequence)"
                + " VALUES (:issuer, :year, 1) ON CONFLICT (issuer_id, year)"
                + " DO UPDATE SET last_sequence = c.last_sequence + 1 RETURNING last_sequence")
        .bind("issuer", issuerId)
        .bind("year", year)
        .mapTo(Long.class)
        .one();
  }

  /** The latest invoice of a network user and period. */
  public static Optional<Latest> latest(
      Handle handle, String issuerId, String networkUserId, Interval period) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + ", EXISTS (SELECT 1 FROM fis_billing.invoice c WHERE c.issuer_id = i.issuer_id"
                + " AND c.credited_invoice_id = i.invoice_id) AS credited"
                + " FROM fis_billing.invoice i WHERE issuer_id = :issuer AND kind = 'INVOICE'"
                + " AND network_user_id = :user AND period_start = :start AND period_end = :end"
                + " ORDER BY revision DESC LIMIT 1")
        .bind("issuer", issuerId)
        .bind("user", networkUserId)
        .bind("start", utc(period.start()))
        .bind("end", utc(period.end()))
        .map((rs, ctx) -> new Latest(issued(rs), rs.getBoolean("credited")))
        .findOne();
  }

  /** One document by id. */
  public static Optional<IssuedInvoice> find(Handle handle, String issuerId, UUID invoiceId) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM fis_billing.invoice"
                + " WHERE issuer_id = :issuer AND invoice_id = :id")
        .bind("issuer", issuerId)
        .bind("id", invoiceId)
        .map((rs, ctx) -> issued(rs))
        .findOne();
  }

  /** The credit note of an invoice, if any. */
  public static Optional<IssuedInvoice> creditNoteOf(
      Handle handle, String issuerId, UUID invoiceId) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM fis_billing.invoice"
                + " WHERE issuer_id = :issuer AND credited_invoice_id = :id")
        .bind("issuer", issuerId)
        .bind("id", invoiceId)
        .map((rs, ctx) -> issued(rs))
        .findOne();
  }

  /** The archived snapshots of a document, in order; at most {@code limit}. */
  public static List<Snapshot> snapshots(
      Handle handle, String issuerId, UUID invoiceId, int limit) {
    return handle
        .createQuery(
            "SELECT kind, snapshot_key, content::text AS content FROM fis_billing.input_snapshot"
                + " WHERE issuer_id = :issuer AND invoice_id = :id ORDER BY snapshot_no LIMIT :limit")
        .bind("issuer", issuerId)
        .bind("id", invoiceId)
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new Snapshot(
                    rs.getString("kind"), rs.getString("snapshot_key"), rs.getString("content")))
        .list();
  }

  /** Inserts a document with its calculations, items, VAT lines and snapshots. */
  public static void insert(Handle handle, IssuedInvoice issued, List<Snapshot> snapshots) {
    insertAll(handle, List.of(issued), List.of(snapshots));
  }

  /**
   * Inserts documents with their calculations, items, VAT lines and snapshots: one batched
   * statement per table for the whole list (sent in one round trip each), whatever its size.
   */
  public static void insertAll(
      Handle handle, List<IssuedInvoice> documents, List<List<Snapshot>> snapshots) {
    if (documents.size() != snapshots.size()) {
      throw new IllegalArgumentException(
          "snapshots: " + snapshots.size() + " lists for " + documents.size() + " documents");
    }
    PreparedBatch invoices = handle.prepareBatch(INSERT_INVOICE);
    PreparedBatch calculations = handle.prepareBatch(INSERT_CALCULATION);
    ItemColumns items = new ItemColumns();
    PreparedBatch vat = handle.prepareBatch(INSERT_VAT);
    PreparedBatch archived = handle.prepareBatch(INSERT_SNAPSHOT);
    for (int d = 0; d < documents.size(); d++) {
      IssuedInvoice issued = documents.get(d);
      addInvoice(invoices, issued);
      addCalculations(calculations, items, issued);
      addVat(vat, issued);
      addSnapshots(archived, issued, snapshots.get(d));
    }
    for (PreparedBatch batch : List.of(invoices, calculations)) {
      if (batch.size() > 0) {
        batch.execute();
      }
    }
    items.insert(handle);
    for (PreparedBatch batch : List.of(vat, archived)) {
      if (batch.size() > 0) {
        batch.execute();
      }
    }
  }

  private static final String INSERT_INVOICE =
      "INSERT INTO fis_billing.invoice (issuer_id, invoice_id, year, sequence, number, kind,"
          + " network_user_id, period_start, period_end, revision, credited_invoice_id,"
          + " credit_reason, issued_at, currency, usage_total, supply_total, net_total,"
          + " vat_total, gross_total, warning_count, document) VALUES (:issuer, :id, :year,"
          + " :sequence, :number, :kind, :user, :start, :end, :revision, CAST(:credited AS uuid),"
          + " :reason, :issuedAt, :currency, :usage, :supply, :net, :vat, :gross, :warnings,"
          + " CAST(:document AS jsonb))";

  private static final String INSERT_CALCULATION =
      "INSERT INTO fis_billing.calculation (issuer_id, invoice_id, calculation_no,"
          + " location_id, meter_id, tariff_model, billed_start, billed_end, usage_total,"
          + " supply_total, total, warnings) VALUES (:issuer, :id, :no, :location, :meter,"
          + " :model, :start, :end, :usage, :supply, :total, CAST(:warnings AS jsonb))";

  /** All items of a batch of documents in one statement: one array per column, unnested. */
  private static final String INSERT_ITEMS =
      "INSERT INTO fis_billing.calculation_item (issuer_id, invoice_id, calculation_no,"
          + " item_no, kind, part_start, part_end, quantity, unit, unit_price, total,"
          + " vat_rate_percent, catalogue_id, basis)"
          + " SELECT issuer_id, invoice_id, calculation_no, item_no, kind, part_start, part_end,"
          + " quantity, unit, unit_price, total, vat_rate_percent, catalogue_id, basis"
          + " FROM unnest(CAST(:issuers AS text[]), CAST(:ids AS uuid[]), CAST(:nos AS int[]),"
          + " CAST(:itemNos AS int[]), CAST(:kinds AS text[]), CAST(:starts AS timestamptz[]),"
          + " CAST(:ends AS timestamptz[]), CAST(:quantities AS numeric[]),"
          + " CAST(:units AS text[]), CAST(:unitPrices AS numeric[]), CAST(:totals AS numeric[]),"
          + " CAST(:vatRates AS numeric[]), CAST(:catalogues AS text[]), CAST(:bases AS text[]))"
          + " AS t(issuer_id, invoice_id, calculation_no, item_no, kind, part_start, part_end,"
          + " quantity, unit, unit_price, total, vat_rate_percent, catalogue_id, basis)";

  /** The items of a batch, column by column, for {@link #INSERT_ITEMS}. */
  private static final class ItemColumns {
    private static final String[] NAMES = {
      "issuers",
      "ids",
      "nos",
      "itemNos",
      "kinds",
      "starts",
      "ends",
      "quantities",
      "units",
      "unitPrices",
      "totals",
      "vatRates",
      "catalogues",
      "bases"
    };
    private final List<List<String>> columns = new java.util.ArrayList<>();

    ItemColumns() {
      for (int i = 0; i < NAMES.length; i++) {
        columns.add(new java.util.ArrayList<>());
      }
    }

    void add(IssuedInvoice issued, int no, int itemNo, CalculationItem item) {
      String[] row = {
        issued.issuerId(),
        issued.invoiceId().toString(),
        Integer.toString(no),
        Integer.toString(itemNo),
        item.kind().name(),
        item.part().start().toString(),
        item.part().end().toString(),
        item.quantity().toPlainString(),
        item.unit(),
        item.unitPrice().toPlainString(),
        item.total().toPlainString(),
        item.vatRatePercent().toPlainString(),
        item.catalogueId(),
        item.basis()
      };
      for (int i = 0; i < row.length; i++) {
        columns.get(i).add(row[i]);
      }
    }

    void insert(Handle handle) {
      if (columns.get(0).isEmpty()) {
        return;
      }
      var update = handle.createUpdate(INSERT_ITEMS);
      for (int i = 0; i < NAMES.length; i++) {
        update.bindArray(NAMES[i], String.class, columns.get(i).toArray());
      }
      update.execute();
    }
  }

  private static final String INSERT_VAT =
      "INSERT INTO fis_billing.invoice_vat (issuer_id, invoice_id, rate_percent, base, vat)"
          + " VALUES (:issuer, :id, :rate, :base, :vat)";

  private static final String INSERT_SNAPSHOT =
      "INSERT INTO fis_billing.input_snapshot (issuer_id, invoice_id, snapshot_no, kind,"
          + " snapshot_key, content) VALUES (:issuer, :id, :no, :kind, :key,"
          + " CAST(:content AS jsonb))";

  private static void addInvoice(PreparedBatch batch, IssuedInvoice issued) {
    Invoice invoice = issued.invoice();
    batch
        .bind("issuer", issued.issuerId())
        .bind("id", issued.invoiceId())
        .bind("year", issued.year())
        .bind("sequence", issued.sequence())
        .bind("number", issued.number())
        .bind("kind", issued.kind().name())
        .bind("user", invoice.networkUserId())
        .bind("start", utc(invoice.period().start()))
        .bind("end", utc(invoice.period().end()))
        .bind("revision", issued.revision())
        .bind("credited", issued.creditedInvoiceId())
        .bind("reason", issued.creditReason())
        .bind("issuedAt", utc(issued.issuedAt()))
        .bind("currency", invoice.currency())
        .bind("usage", invoice.usageTotal())
        .bind("supply", invoice.supplyTotal())
        .bind("net", invoice.netTotal())
        .bind("vat", invoice.vatTotal())
        .bind("gross", invoice.grossTotal())
        .bind("warnings", invoice.warnings().size())
        .bind("document", InvoiceJson.write(invoice))
        .add();
  }

  private static void addCalculations(
      PreparedBatch calculations, ItemColumns items, IssuedInvoice issued) {
    List<Calculation> list = issued.invoice().calculations();
    for (int no = 0; no < list.size(); no++) {
      Calculation calculation = list.get(no);
      calculations
          .bind("issuer", issued.issuerId())
          .bind("id", issued.invoiceId())
          .bind("no", no)
          .bind("location", calculation.locationId())
          .bind("meter", calculation.meterId())
          .bind("model", calculation.tariffModelCode())
          .bind("start", utc(calculation.billed().start()))
          .bind("end", utc(calculation.billed().end()))
          .bind("usage", calculation.usageTotal())
          .bind("supply", calculation.supplyTotal())
          .bind("total", calculation.total())
          .bind("warnings", InvoiceJson.mapperWrite(calculation.warnings()))
          .add();
      for (int itemNo = 0; itemNo < calculation.items().size(); itemNo++) {
        items.add(issued, no, itemNo, calculation.items().get(itemNo));
      }
    }
  }

  private static void addVat(PreparedBatch batch, IssuedInvoice issued) {
    for (VatLine line : issued.invoice().vat()) {
      batch
          .bind("issuer", issued.issuerId())
          .bind("id", issued.invoiceId())
          .bind("rate", line.ratePercent())
          .bind("base", line.base())
          .bind("vat", line.vat())
          .add();
    }
  }

  private static void addSnapshots(
      PreparedBatch batch, IssuedInvoice issued, List<Snapshot> snapshots) {
    for (int no = 0; no < snapshots.size(); no++) {
      Snapshot snapshot = snapshots.get(no);
      batch
          .bind("issuer", issued.issuerId())
          .bind("id", issued.invoiceId())
          .bind("no", no)
          .bind("kind", snapshot.kind())
          .bind("key", snapshot.key())
          .bind("content", snapshot.json())
          .add();
    }
  }

  private static IssuedInvoice issued(ResultSet rs) throws SQLException {
    UUID id = rs.getObject("invoice_id", UUID.class);
    Invoice invoice;
    try {
      invoice = InvoiceJson.readInvoice(rs.getString("document"));
    } catch (IllegalArgumentException e) {
      throw new SQLException("stored document of invoice " + id + " is unreadable", e);
    }
    return new IssuedInvoice(
        id,
        rs.getString("issuer_id"),
        rs.getString("number"),
        rs.getInt("year"),
        rs.getLong("sequence"),
        DocumentKind.valueOf(rs.getString("kind")),
        rs.getInt("revision"),
        rs.getObject("credited_invoice_id", UUID.class),
        rs.getString("credit_reason"),
        rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
        invoice);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Whether an amount fits {@code numeric(20,4)}. */
  public static boolean fitsMoney(BigDecimal amount) {
    return amount.scale() <= 4 && amount.precision() - amount.scale() <= 16;
  }
}
