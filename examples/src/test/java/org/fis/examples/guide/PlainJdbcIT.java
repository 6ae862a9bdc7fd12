package org.fis.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import javax.sql.DataSource;
import org.fis.billing.BillingMigrations;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.jobs.JobsMigrations;
import org.fis.ledger.LedgerMigrations;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The integration guide's plain-JDBC example: the host owns the connection and the commit. */
@FisPostgres(migrations = {BillingMigrations.class, JobsMigrations.class, LedgerMigrations.class})
class PlainJdbcIT {
  private final InvoiceAndPosting work = new InvoiceAndPosting();

  @Test
  void issuing_and_posting_commit_together_in_the_hosts_jdbc_transaction(DataSource dataSource)
      throws Exception {
    Jdbi.create(dataSource).useTransaction(work::openBooks);

    // --- guide: plain JDBC ---
    IssuedInvoice issued;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false); // the host's transaction
      // Jdbi.create(connection) borrows the connection: closing the handle leaves it open.
      try (Handle handle = Jdbi.create(connection).open()) {
        issued = work.issueAndPost(handle, "user-1");
      }
      // ... the host's own statements on the same connection ...
      connection.commit();
    }
    // --- end guide ---

    BigDecimalCheck.equal(
        Jdbi.create(dataSource).withHandle(work::receivable), issued.invoice().grossTotal());
  }

  @Test
  void a_host_rollback_undoes_the_invoice_and_the_posting(DataSource dataSource) throws Exception {
    Jdbi jdbi = Jdbi.create(dataSource);
    jdbi.useTransaction(work::openBooks);
    java.math.BigDecimal receivableBefore = jdbi.withHandle(work::receivable);
    Integer invoicesBefore = jdbi.withHandle(PlainJdbcIT::invoices);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Handle handle = Jdbi.create(connection).open()) {
        work.issueAndPost(handle, "user-2");
      }
      connection.rollback();
    }
    assertThat(jdbi.withHandle(work::receivable)).isEqualByComparingTo(receivableBefore);
    assertThat(jdbi.withHandle(PlainJdbcIT::invoices)).isEqualTo(invoicesBefore);
  }

  @Test
  void the_issuer_refuses_a_handle_outside_a_transaction(DataSource dataSource) {
    Jdbi.create(dataSource).useTransaction(work::openBooks);
    assertThatThrownBy(() -> Jdbi.create(dataSource).useHandle(h -> work.issueAndPost(h, "user-3")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Integer invoices(org.jdbi.v3.core.Handle h) {
    return h.select("SELECT count(*) FROM fis_billing.invoice").mapTo(Integer.class).one();
  }
}
