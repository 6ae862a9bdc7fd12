package org.fis.springboot;

import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The host's own table, written with Spring's {@link JdbcTemplate} in the same transaction as the
 * module calls. Its primary key is the host's reference: reusing one fails the host's step (a
 * {@code DuplicateKeyException}) after the module calls, which rolls them back too.
 */
@Repository
public class HostAudit {
  private final JdbcTemplate jdbc;

  HostAudit(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records one host action in the caller's transaction.
   *
   * @param reference the host's unique reference
   * @param kind what was done
   * @param detail what came of it
   */
  public void record(String reference, String kind, String detail) {
    Objects.requireNonNull(reference, "reference");
    jdbc.update(
        "INSERT INTO host_audit (reference, kind, detail) VALUES (?, ?, ?)",
        reference,
        kind,
        detail);
  }

  /**
   * Whether a reference was recorded (and committed, when called outside a transaction).
   *
   * @param reference the reference
   * @return true when a row exists
   */
  public boolean exists(String reference) {
    Integer count =
        jdbc.queryForObject(
            "SELECT count(*) FROM host_audit WHERE reference = ?", Integer.class, reference);
    return count != null && count > 0;
  }
}
