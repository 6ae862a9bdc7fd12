package org.fis.springboot;

import java.time.Instant;
import java.util.Optional;
import org.fis.accountingpoint.AccountingPointData;
import org.fis.accountingpoint.AccountingPointStore;
import org.fis.accountingpoint.ControllableUnits;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.SyncEngine;
import org.fis.accountingpoint.SyncResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Controllable units and their accounting points. Registering a unit runs in the host's
 * {@code @Transactional} method (the registration commits or rolls back with the host's own row);
 * the sync it asks for runs after that transaction commits, through a {@link
 * TransactionalEventListener}: the {@link SyncEngine} owns its transactions and calls the datahub
 * adapter over HTTP with no transaction open, and it can only see the registration once it is
 * committed. A rolled-back registration therefore never syncs.
 */
@Service
public class AccountingPointService {
  private static final Logger LOG = LoggerFactory.getLogger(AccountingPointService.class);

  private final Jdbi jdbi;
  private final ControllableUnits units;
  private final SyncEngine engine;
  private final HostAudit audit;
  private final ApplicationEventPublisher events;

  AccountingPointService(
      Jdbi jdbi,
      ControllableUnits units,
      SyncEngine engine,
      HostAudit audit,
      ApplicationEventPublisher events) {
    this.jdbi = jdbi;
    this.units = units;
    this.engine = engine;
    this.audit = audit;
    this.events = events;
  }

  /**
   * Asks for the sync of an accounting point whose controllable unit the host registered.
   *
   * @param gsrn the accounting point
   */
  public record UnitRegistered(Gsrn gsrn) {}

  /**
   * Registers a controllable unit on an accounting point and records the host's reference; after
   * the commit, the accounting point is synced.
   *
   * @param reference the host's reference (unique)
   * @param gsrn the accounting point
   * @param unitId the host's controllable unit
   * @param syncFrom from when the accounting point's data is needed
   * @return the registration outcome
   */
  @Transactional
  public ControllableUnits.Registration register(
      String reference, Gsrn gsrn, String unitId, Instant syncFrom) {
    ControllableUnits.Registration registration =
        jdbi.withHandle(h -> units.register(h, gsrn, unitId, syncFrom));
    audit.record(reference, "controllable-unit", unitId + "@" + gsrn.value());
    events.publishEvent(new UnitRegistered(gsrn));
    return registration;
  }

  /**
   * Syncs the accounting point after the registering transaction committed (on the same thread,
   * before {@link #register} returns to its caller).
   *
   * @param registered the event
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  public void syncAfterCommit(UnitRegistered registered) {
    // A listener's return value would be published as a new event: log the outcome instead.
    SyncResult result = engine.sync(registered.gsrn());
    LOG.info("accounting point {} synced after the registration: {}", registered.gsrn(), result);
  }

  /**
   * The stored accounting point.
   *
   * @param gsrn the accounting point
   * @return its data, or empty before its first sync
   */
  @Transactional(readOnly = true)
  public Optional<AccountingPointData> find(Gsrn gsrn) {
    return jdbi.withHandle(h -> AccountingPointStore.read(h, gsrn));
  }
}
