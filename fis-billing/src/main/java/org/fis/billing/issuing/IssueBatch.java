package org.fis.billing.issuing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.Warning;
import org.fis.billing.issuing.internal.InputArchive;
import org.fis.billing.issuing.internal.InvoiceStore;
import org.fis.billing.issuing.internal.InvoiceStore.PeriodKey;
import org.jdbi.v3.core.Handle;

/**
 * One {@link InvoiceIssuer#issueAll} call: validates and archives every input first, then locks,
 * looks up, numbers and stores the whole batch with a fixed number of statements. Not thread-safe:
 * one per call.
 */
final class IssueBatch {
  private final InvoiceCalculator calculator;
  private final IssuerConfig config;
  private final String issuerId;
  private final List<IssueRequest> requests;

  IssueBatch(
      InvoiceCalculator calculator,
      IssuerConfig config,
      String issuerId,
      List<IssueRequest> requests) {
    this.calculator = calculator;
    this.config = config;
    this.issuerId = issuerId;
    this.requests = requests;
  }

  /** A request that gets a number: where it is in the batch, its draft and its revision. */
  private record Pending(int index, Invoice invoice, int revision) {}

  List<IssueResult> run(Handle handle, Clock clock, Supplier<UUID> ids) {
    int size = requests.size();
    List<List<Snapshot>> snapshots = new ArrayList<>(size);
    List<PeriodKey> keys = new ArrayList<>(size);
    for (IssueRequest request : requests) {
      snapshots.add(archive(request));
      keys.add(new PeriodKey(request.input().networkUserId(), request.input().period()));
    }
    InvoiceStore.lockNetworkUsers(handle, issuerId, keys);
    Map<PeriodKey, InvoiceStore.Latest> latest = InvoiceStore.latestAll(handle, issuerId, keys);

    IssueResult[] results = new IssueResult[size];
    Map<PeriodKey, Integer> firstIndex = new HashMap<>();
    List<Pending> pending = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      PeriodKey key = keys.get(i);
      if (firstIndex.putIfAbsent(key, i) != null) {
        continue; // answered after numbering, like its first occurrence
      }
      InvoiceStore.Latest earlier = latest.get(key);
      if (earlier != null && !earlier.credited()) {
        results[i] = new IssueResult.AlreadyIssued(earlier.invoice());
        continue;
      }
      Invoice invoice = calculator.calculate(requests.get(i).input());
      InvoiceIssuer.checkStorable(invoice);
      List<Warning> blocking =
          invoice.warnings().stream()
              .filter(w -> config.blockingWarnings().contains(w.code()))
              .toList();
      if (!blocking.isEmpty()) {
        results[i] = new IssueResult.Held(invoice, blocking);
        continue;
      }
      pending.add(new Pending(i, invoice, earlier == null ? 0 : earlier.invoice().revision() + 1));
    }

    if (!pending.isEmpty()) {
      List<IssuedInvoice> issued = number(handle, clock, ids, pending);
      List<List<Snapshot>> issuedSnapshots = new ArrayList<>(pending.size());
      for (int k = 0; k < pending.size(); k++) {
        results[pending.get(k).index()] = new IssueResult.Issued(issued.get(k));
        issuedSnapshots.add(snapshots.get(pending.get(k).index()));
      }
      InvoiceStore.insertAll(handle, issued, issuedSnapshots);
    }
    for (int i = 0; i < size; i++) {
      if (results[i] == null) {
        IssueResult first = results[firstIndex.get(keys.get(i))];
        results[i] =
            first instanceof IssueResult.Held held
                ? held
                : new IssueResult.AlreadyIssued(first.invoice());
      }
    }
    return List.of(results);
  }

  private List<Snapshot> archive(IssueRequest request) {
    List<Snapshot> snapshots =
        new ArrayList<>(InputArchive.of(calculator.config(), request.input()));
    for (int i = 0; i < request.hostSnapshots().size(); i++) {
      snapshots.add(InputArchive.checked(i, request.hostSnapshots().get(i)));
    }
    return snapshots;
  }

  /** One counter advance for the whole batch: the numbers are consecutive, in request order. */
  private List<IssuedInvoice> number(
      Handle handle, Clock clock, Supplier<UUID> ids, List<Pending> pending) {
    Instant now = clock.instant();
    int year = now.atZone(config.numberingZone()).getYear();
    long last = InvoiceStore.nextSequences(handle, issuerId, year, pending.size());
    long first = last - pending.size() + 1;
    List<IssuedInvoice> issued = new ArrayList<>(pending.size());
    for (int k = 0; k < pending.size(); k++) {
      long sequence = first + k;
      UUID id = Objects.requireNonNull(ids.get(), "ids: supplied null");
      String number = String.format(Locale.ROOT, "%d-%06d", year, sequence);
      issued.add(
          new IssuedInvoice(
              id,
              issuerId,
              number,
              year,
              sequence,
              DocumentKind.INVOICE,
              pending.get(k).revision(),
              null,
              null,
              now,
              pending.get(k).invoice()));
    }
    return issued;
  }
}
