package org.fis.examples.bench.ledger;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.Side;
import org.jdbi.v3.core.Handle;

/**
 * The second baseline: a ledger of our own writing in the design of pgledger (a ledger written as
 * one SQL file), in schema {@code ref_ledger}. Accounts carry a mutable {@code balance} and {@code
 * version}; a transfer is one PL/pgSQL call that sorts the two account ids, locks both account rows
 * with {@code SELECT ... FOR UPDATE}, checks their balance constraints, updates balance and version
 * of each, and inserts the transfer row and two entry rows carrying the account's previous and
 * current balance and version. Ids are ULIDs made by a SQL function; entries and transfers have
 * foreign keys to the accounts. It has no idempotency key, hash chain, holds or periods.
 *
 * <p>Calls run with autocommit: one round trip per transfer, or per bulk call of many transfers.
 */
public final class ReferenceLedger {
  private ReferenceLedger() {}

  /**
   * Creates the schema, the functions and the accounts (balance constraints: none, as the
   * benchmark's fis accounts).
   *
   * @param handle a handle
   * @param accounts the account ids (the benchmark's names, so workloads can be shared)
   */
  public static void create(Handle handle, List<String> accounts) {
    handle.execute("CREATE SCHEMA IF NOT EXISTS ref_ledger");
    handle.execute(
        "CREATE OR REPLACE FUNCTION ref_ledger.ulid() RETURNS text LANGUAGE plpgsql VOLATILE AS $$\n"
            + "DECLARE\n"
            + "  alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';\n"
            + "  ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;\n"
            + "  r bytea := uuid_send(gen_random_uuid());\n"
            // 80 random bits: bytes 0-5 and 9-12 of a version-4 UUID (bytes 6 and 8 carry its
            // version and variant bits).
            + "  hi bigint := (get_byte(r, 0)::bigint << 32) | (get_byte(r, 1)::bigint << 24)"
            + " | (get_byte(r, 2)::bigint << 16) | (get_byte(r, 3)::bigint << 8) | get_byte(r, 4);\n"
            + "  lo bigint := (get_byte(r, 5)::bigint << 32) | (get_byte(r, 9)::bigint << 24)"
            + " | (get_byte(r, 10)::bigint << 16) | (get_byte(r, 11)::bigint << 8)"
            + " | get_byte(r, 12);\n"
            + "  out text := '';\n"
            + "BEGIN\n"
            + "  FOR i IN REVERSE 9..0 LOOP\n"
            + "    out := out || substr(alphabet, ((ms >> (5 * i)) & 31)::int + 1, 1);\n"
            + "  END LOOP;\n"
            + "  FOR i IN REVERSE 7..0 LOOP\n"
            + "    out := out || substr(alphabet, ((hi >> (5 * i)) & 31)::int + 1, 1);\n"
            + "  END LOOP;\n"
            + "  FOR i IN REVERSE 7..0 LOOP\n"
            + "    out := out || substr(alphabet, ((lo >> (5 * i)) & 31)::int + 1, 1);\n"
            + "  END LOOP;\n"
            + "  RETURN out;\n"
            + "END\n"
            + "$$");
    handle.execute(
        "CREATE TABLE ref_ledger.account (id text PRIMARY KEY DEFAULT ref_ledger.ulid(),"
            + " name text NOT NULL, currency text NOT NULL, balance numeric NOT NULL DEFAULT 0,"
            + " version bigint NOT NULL DEFAULT 0,"
            + " allow_negative_balance boolean NOT NULL DEFAULT true,"
            + " allow_positive_balance boolean NOT NULL DEFAULT true,"
            + " created_at timestamptz NOT NULL DEFAULT now(),"
            + " updated_at timestamptz NOT NULL DEFAULT now())");
    handle.execute(
        "CREATE TABLE ref_ledger.transfer (id text PRIMARY KEY DEFAULT ref_ledger.ulid(),"
            + " from_account_id text NOT NULL REFERENCES ref_ledger.account (id),"
            + " to_account_id text NOT NULL REFERENCES ref_ledger.account (id),"
            + " amount numeric NOT NULL CHECK (amount > 0),"
            + " created_at timestamptz NOT NULL DEFAULT now(),"
            + " event_at timestamptz NOT NULL DEFAULT now(),"
            + " CHECK (from_account_id <> to_account_id))");
    handle.execute(
        "CREATE TABLE ref_ledger.entry (id text PRIMARY KEY DEFAULT ref_ledger.ulid(),"
            + " account_id text NOT NULL REFERENCES ref_ledger.account (id),"
            + " transfer_id text NOT NULL REFERENCES ref_ledger.transfer (id),"
            + " amount numeric NOT NULL, account_previous_balance numeric NOT NULL,"
            + " account_current_balance numeric NOT NULL, account_version bigint NOT NULL,"
            + " created_at timestamptz NOT NULL DEFAULT now())");
    handle.execute("CREATE INDEX ON ref_ledger.entry (account_id, account_version)");
    handle.execute("CREATE INDEX ON ref_ledger.entry (transfer_id)");
    handle.execute(
        "CREATE OR REPLACE FUNCTION ref_ledger.create_transfer("
            + "p_from text, p_to text, p_amount numeric) RETURNS text LANGUAGE plpgsql AS $$\n"
            + "DECLARE\n"
            + "  first_id text := least(p_from, p_to);\n"
            + "  second_id text := greatest(p_from, p_to);\n"
            + "  a_from ref_ledger.account;\n"
            + "  a_to ref_ledger.account;\n"
            + "  a ref_ledger.account;\n"
            + "  t_id text;\n"
            + "BEGIN\n"
            + "  IF p_amount <= 0 THEN RAISE EXCEPTION 'amount must be positive'; END IF;\n"
            + "  IF p_from = p_to THEN RAISE EXCEPTION 'same account'; END IF;\n"
            // Sorted, so that concurrent transfers never deadlock.
            + "  SELECT * INTO a FROM ref_ledger.account WHERE id = first_id FOR UPDATE;\n"
            + "  IF NOT FOUND THEN RAISE EXCEPTION 'no account %', first_id; END IF;\n"
            + "  IF a.id = p_from THEN a_from := a; ELSE a_to := a; END IF;\n"
            + "  SELECT * INTO a FROM ref_ledger.account WHERE id = second_id FOR UPDATE;\n"
            + "  IF NOT FOUND THEN RAISE EXCEPTION 'no account %', second_id; END IF;\n"
            + "  IF a.id = p_from THEN a_from := a; ELSE a_to := a; END IF;\n"
            + "  IF a_from.currency <> a_to.currency THEN\n"
            + "    RAISE EXCEPTION 'currencies differ';\n"
            + "  END IF;\n"
            + "  IF NOT a_from.allow_negative_balance AND a_from.balance - p_amount < 0 THEN\n"
            + "    RAISE EXCEPTION 'account % cannot go negative', a_from.id;\n"
            + "  END IF;\n"
            + "  IF NOT a_to.allow_positive_balance AND a_to.balance + p_amount > 0 THEN\n"
            + "    RAISE EXCEPTION 'account % cannot go positive', a_to.id;\n"
            + "  END IF;\n"
            + "  UPDATE ref_ledger.account SET balance = balance - p_amount,"
            + " version = version + 1, updated_at = now() WHERE id = a_from.id;\n"
            + "  UPDATE ref_ledger.account SET balance = balance + p_amount,"
            + " version = version + 1, updated_at = now() WHERE id = a_to.id;\n"
            + "  INSERT INTO ref_ledger.transfer (id, from_account_id, to_account_id, amount)"
            + " VALUES (ref_ledger.ulid(), p_from, p_to, p_amount) RETURNING id INTO t_id;\n"
            + "  INSERT INTO ref_ledger.entry (id, account_id, transfer_id, amount,"
            + " account_previous_balance, account_current_balance, account_version) VALUES"
            + " (ref_ledger.ulid(), a_from.id, t_id, -p_amount, a_from.balance,"
            + " a_from.balance - p_amount, a_from.version + 1),"
            + " (ref_ledger.ulid(), a_to.id, t_id, p_amount, a_to.balance,"
            + " a_to.balance + p_amount, a_to.version + 1);\n"
            + "  RETURN t_id;\n"
            + "END\n"
            + "$$");
    handle.execute(
        "CREATE OR REPLACE FUNCTION ref_ledger.create_transfers("
            + "p_from text[], p_to text[], p_amount numeric[]) RETURNS SETOF text"
            + " LANGUAGE plpgsql AS $$\n"
            + "BEGIN\n"
            // Every account of the batch first, sorted: transfers of concurrent batches would
            // otherwise lock their accounts in different orders and deadlock.
            + "  PERFORM 1 FROM ref_ledger.account WHERE id IN"
            + " (SELECT unnest(p_from) UNION SELECT unnest(p_to)) ORDER BY id FOR UPDATE;\n"
            + "  FOR i IN 1..cardinality(p_from) LOOP\n"
            + "    RETURN NEXT ref_ledger.create_transfer(p_from[i], p_to[i], p_amount[i]);\n"
            + "  END LOOP;\n"
            + "END\n"
            + "$$");
    handle
        .createUpdate(
            "INSERT INTO ref_ledger.account (id, name, currency)"
                + " SELECT a, a, 'EUR' FROM unnest(:ids) AS t(a)")
        .bindArray("ids", String.class, accounts)
        .execute();
  }

  /**
   * One transfer in one autocommit call (the request's first line is the debited account, money
   * moves out of it into the credited one, as in the fis ledger's transfers).
   *
   * @param connection an autocommit connection
   * @param request a two-line transfer
   * @throws SQLException on a database error
   */
  public static void transfer(Connection connection, PostingRequest request) throws SQLException {
    Line from = debited(request);
    Line to = credited(request);
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT ref_ledger.create_transfer(?, ?, ?)")) {
      statement.setString(1, from.accountId());
      statement.setString(2, to.accountId());
      statement.setBigDecimal(3, from.amount());
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
      }
    }
  }

  /**
   * Many transfers in one autocommit call.
   *
   * @param connection an autocommit connection
   * @param requests two-line transfers
   * @throws SQLException on a database error
   */
  public static void transfers(Connection connection, List<PostingRequest> requests)
      throws SQLException {
    int n = requests.size();
    String[] from = new String[n];
    String[] to = new String[n];
    BigDecimal[] amounts = new BigDecimal[n];
    for (int i = 0; i < n; i++) {
      from[i] = debited(requests.get(i)).accountId();
      to[i] = credited(requests.get(i)).accountId();
      amounts[i] = debited(requests.get(i)).amount();
    }
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT count(*) FROM ref_ledger.create_transfers(?, ?, ?)")) {
      Array a = connection.createArrayOf("text", from);
      Array b = connection.createArrayOf("text", to);
      Array c = connection.createArrayOf("numeric", amounts);
      statement.setArray(1, a);
      statement.setArray(2, b);
      statement.setArray(3, c);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        if (rs.getLong(1) != n) {
          throw new IllegalStateException("reference bulk wrote " + rs.getLong(1) + " of " + n);
        }
      }
    }
  }

  /**
   * Whether the sum of all balances is zero and every account's version equals its entry count (the
   * benchmark's sanity check of the reference).
   *
   * @param handle a handle
   * @return {@code true} if consistent
   */
  public static boolean consistent(Handle handle) {
    return handle
        .createQuery(
            "SELECT (SELECT sum(balance) FROM ref_ledger.account) = 0 AND NOT EXISTS ("
                + " SELECT 1 FROM ref_ledger.account a WHERE a.version <> (SELECT count(*)"
                + " FROM ref_ledger.entry e WHERE e.account_id = a.id))")
        .mapTo(Boolean.class)
        .one();
  }

  private static Line debited(PostingRequest request) {
    return request.lines().stream().filter(l -> l.side() == Side.DEBIT).findFirst().orElseThrow();
  }

  private static Line credited(PostingRequest request) {
    return request.lines().stream().filter(l -> l.side() == Side.CREDIT).findFirst().orElseThrow();
  }
}
