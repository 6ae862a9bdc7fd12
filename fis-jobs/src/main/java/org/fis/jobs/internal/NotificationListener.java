package org.fis.jobs.internal;

import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's listener part: {@code LISTEN fis_jobs} on a connection of its own, and a wake-up
 * call for every batch of notifications ({@code PGConnection.getNotifications(timeout)}). A broken
 * connection is reopened after a pause; meanwhile, and whenever a notification is lost, the
 * poller's own polling finds the jobs. The connection stops listening before it goes back to the
 * pool. Runs on the thread that calls {@link #run()} until the {@code running} condition turns
 * false.
 */
public final class NotificationListener implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
  private static final int WAIT_MILLIS = 250;

  private final Jdbi jdbi;
  private final String workerId;
  private final BooleanSupplier running;
  private final Runnable wake;
  private final long retryMillis;
  private final LongAdder received = new LongAdder();
  private volatile boolean listening;

  /**
   * @param jdbi the database
   * @param workerId the processor, for log lines
   * @param running whether to go on
   * @param wake called when notifications arrive
   * @param retryMillis pause before reconnecting after a failure
   */
  public NotificationListener(
      Jdbi jdbi, String workerId, BooleanSupplier running, Runnable wake, long retryMillis) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.workerId = Objects.requireNonNull(workerId, "workerId");
    this.running = Objects.requireNonNull(running, "running");
    this.wake = Objects.requireNonNull(wake, "wake");
    this.retryMillis = retryMillis;
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      try (Handle handle = jdbi.open()) {
        listenOn(handle);
      } catch (SQLException | RuntimeException e) {
        if (running.getAsBoolean()) {
          LOG.warn(
              "Job processor {}: listening for notifications failed; polling meanwhile",
              workerId,
              e);
        }
      } finally {
        listening = false;
      }
      try {
        Thread.sleep(retryMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void listenOn(Handle handle) throws SQLException {
    PGConnection connection = handle.getConnection().unwrap(PGConnection.class);
    handle.execute("LISTEN " + JobStore.CHANNEL);
    try {
      // A pooled connection may hold notifications from an earlier listener: drop them.
      connection.getNotifications();
      listening = true;
      while (running.getAsBoolean()) {
        PGNotification[] batch = connection.getNotifications(WAIT_MILLIS);
        if (batch != null && batch.length > 0) {
          received.add(batch.length);
          wake.run();
        }
      }
    } finally {
      // The connection goes back to the host's pool: it must not keep listening.
      listening = false;
      handle.execute("UNLISTEN " + JobStore.CHANNEL);
    }
  }

  /** Whether the listener is connected and listening now. */
  public boolean listening() {
    return listening;
  }

  /** Notifications received so far. */
  public long received() {
    return received.sum();
  }
}
