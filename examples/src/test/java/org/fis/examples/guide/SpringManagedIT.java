package org.fis.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.fis.billing.BillingMigrations;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.jobs.JobsMigrations;
import org.fis.ledger.LedgerMigrations;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The integration guide's Spring example: Spring manages the transaction; Jdbi on a {@link
 * TransactionAwareDataSourceProxy} hands the modules the connection Spring bound to the thread.
 */
@FisPostgres(migrations = {BillingMigrations.class, JobsMigrations.class, LedgerMigrations.class})
class SpringManagedIT {
  private final InvoiceAndPosting work = new InvoiceAndPosting();

  @Test
  void the_modules_join_a_spring_managed_transaction(DataSource dataSource) {
    // --- guide: Spring ---
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    Jdbi jdbi = Jdbi.create(new TransactionAwareDataSourceProxy(dataSource));
    TransactionTemplate inTransaction = new TransactionTemplate(transactions);

    inTransaction.executeWithoutResult(status -> jdbi.useHandle(work::openBooks));
    IssuedInvoice issued =
        inTransaction.execute(status -> jdbi.withHandle(h -> work.issueAndPost(h, "user-1")));
    // --- end guide ---

    BigDecimalCheck.equal(jdbi.withHandle(work::receivable), issued.invoice().grossTotal());
  }

  @Test
  void a_spring_rollback_undoes_the_invoice_and_the_posting(DataSource dataSource) {
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    Jdbi jdbi = Jdbi.create(new TransactionAwareDataSourceProxy(dataSource));
    TransactionTemplate inTransaction = new TransactionTemplate(transactions);
    inTransaction.executeWithoutResult(status -> jdbi.useHandle(work::openBooks));
    java.math.BigDecimal receivableBefore = jdbi.withHandle(work::receivable);
    Integer invoicesBefore = jdbi.withHandle(PlainJdbcIT::invoices);

    assertThatThrownBy(
            () ->
                inTransaction.executeWithoutResult(
                    status -> {
                      jdbi.useHandle(h -> work.issueAndPost(h, "user-2"));
                      throw new IllegalStateException("the host's own step failed");
                    }))
        .hasMessageContaining("the host's own step failed");

    assertThat(jdbi.withHandle(work::receivable)).isEqualByComparingTo(receivableBefore);
    assertThat(jdbi.withHandle(PlainJdbcIT::invoices)).isEqualTo(invoicesBefore);
  }
}
