package org.fis.examples.demo;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.fis.billing.document.Party;
import org.jdbi.v3.core.Handle;

/**
 * The host's register of network users (the demo's stand-in for a customer register): the end
 * user's id (a person number or business id), name and address, and the pseudonymous account key
 * under which the journal knows them.
 *
 * <p>Why a pseudonymous key: journal accounts are insert-only and can never be renamed or deleted,
 * so an account named after a person number would keep that personal id forever and defeat the
 * accounting point module's personal-data purge. The journal holds only {@code receivable:nu-…}, a
 * random key with no meaning outside this table; purging a person deletes their row here ({@link
 * #forget}), after which the key and the journal's history are no longer linked to anyone. The key
 * is random rather than a hash of the id, so that it cannot be recomputed from a known person
 * number.
 *
 * <p>All methods run on the caller's handle and transaction.
 */
final class NetworkUsers {
  /** Random bytes in an account key (128 bits). */
  static final int KEY_BYTES = 16;

  private NetworkUsers() {}

  /** Creates the host's table (idempotent). */
  static void createTable(Handle handle) {
    handle.execute("CREATE SCHEMA IF NOT EXISTS demo_host");
    handle.execute(
        "CREATE TABLE IF NOT EXISTS demo_host.network_user ("
            + " end_user_id text PRIMARY KEY,"
            + " account_key text NOT NULL UNIQUE,"
            + " name text NOT NULL, street text NOT NULL, postal_code text NOT NULL,"
            + " city text NOT NULL, country text NOT NULL, vat_number text NOT NULL)");
  }

  /**
   * Registers a network user with a fresh random account key, or keeps the existing row.
   *
   * @return the account key (the existing one when already registered)
   */
  static String register(Handle handle, String endUserId, Party party, SecureRandom random) {
    createTable(handle);
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    handle
        .createUpdate(
            "INSERT INTO demo_host.network_user (end_user_id, account_key, name, street,"
                + " postal_code, city, country, vat_number) VALUES (:id, :key, :name, :street,"
                + " :postal, :city, :country, :vat) ON CONFLICT (end_user_id) DO NOTHING")
        .bind("id", endUserId)
        .bind("key", "nu-" + HexFormat.of().formatHex(bytes))
        .bind("name", party.name())
        .bind("street", party.street())
        .bind("postal", party.postalCode())
        .bind("city", party.city())
        .bind("country", party.country())
        .bind("vat", party.vatNumber())
        .execute();
    return accountKey(handle, endUserId).orElseThrow();
  }

  /** The account key of a registered network user. */
  static Optional<String> accountKey(Handle handle, String endUserId) {
    createTable(handle);
    return handle
        .createQuery("SELECT account_key FROM demo_host.network_user WHERE end_user_id = :id")
        .bind("id", endUserId)
        .mapTo(String.class)
        .findOne();
  }

  /** The name and address of a registered network user. */
  static Optional<Party> party(Handle handle, String endUserId) {
    createTable(handle);
    return handle
        .createQuery(
            "SELECT name, street, postal_code, city, country, vat_number"
                + " FROM demo_host.network_user WHERE end_user_id = :id")
        .bind("id", endUserId)
        .map(
            (rs, ctx) ->
                new Party(
                    rs.getString("name"),
                    rs.getString("street"),
                    rs.getString("postal_code"),
                    rs.getString("city"),
                    rs.getString("country"),
                    rs.getString("vat_number")))
        .findOne();
  }

  /**
   * The personal-data purge's part in this host: deletes the person's row, which unlinks their
   * account key (and so their journal history) from them.
   *
   * @return whether a row was deleted
   */
  static boolean forget(Handle handle, String endUserId) {
    createTable(handle);
    return handle
            .createUpdate("DELETE FROM demo_host.network_user WHERE end_user_id = :id")
            .bind("id", endUserId)
            .execute()
        == 1;
  }

  /** A made-up name and address for the demo's i-th network user. */
  static Party demoParty(int index, String endUserId) {
    String[] first = {"Ana", "Ivan", "Marija", "Luka", "Petra", "Josip", "Sara", "Marko"};
    String[] last = {
      "Horvat", "Babic", "Juric", "Novak", "Knezevic", "Vukovic", "Maric", "Petrovic"
    };
    String[] streets = {"Ilica", "Vlaska ulica", "Savska cesta", "Maksimirska cesta", "Heinzelova"};
    boolean business = endUserId.length() == 9;
    String name =
        business
            ? "Kava i kolaci " + last[index % last.length] + " d.o.o."
            : first[index % first.length]
                + " "
                + last[(index / first.length + index) % last.length];
    return new Party(
        name,
        streets[index % streets.length] + " " + (12 + index * 7 % 80),
        "10000",
        "Zagreb",
        "Croatia",
        business ? "HR" + endUserId : "");
  }
}
