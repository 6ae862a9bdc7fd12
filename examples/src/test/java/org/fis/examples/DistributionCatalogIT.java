package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.fis.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every module's tables, after all modules' migrations, held against a declared Citus distribution
 * map read from {@code pg_catalog}: each table is distributed (distribution column and colocation
 * group), a reference table or a local (coordinator-only) table. The rules:
 *
 * <ul>
 *   <li>every table of the suite's schemas is declared, and every declared table exists;
 *   <li>a primary key, unique constraint or unique index of a distributed table contains the
 *       distribution column;
 *   <li>a foreign key between distributed tables stays in one colocation group and joins the two
 *       distribution columns; a reference or local table does not reference a distributed one, and
 *       a distributed table references only distributed or reference tables;
 *   <li>no trigger function derives a table name from {@code TG_TABLE_NAME} (on a Citus worker it
 *       is the shard's name).
 * </ul>
 *
 * <p>Today's violations of other modules are listed by name in {@link #EXCEPTIONS}; the test fails
 * on any violation not listed and on any listed one that is gone, so the list stays true. The
 * accounting point module has none. A second test proves each rule fires on a violation made on
 * purpose.
 */
class DistributionCatalogIT {
  /** How one table is placed on a Citus cluster. */
  sealed interface Placement {}

  /** Distributed by {@code column}, colocated with the other tables of {@code group}. */
  record Distributed(String column, String group) implements Placement {}

  /** Replicated to every node. */
  record Reference() implements Placement {}

  /** Kept on the coordinator only (bookkeeping such as Flyway's history). */
  record Local() implements Placement {}

  private static final Placement REFERENCE = new Reference();
  private static final Placement LOCAL = new Local();

  private static Placement by(String column, String group) {
    return new Distributed(column, group);
  }

  private static final Map<String, Placement> MAP = new HashMap<>();

  static {
    // fis-accountingpoint: everything by GSRN, one colocation group, no exceptions.
    Placement gsrn = by("gsrn", "accounting_point");
    for (String table :
        List.of(
            "accounting_point",
            "end_user",
            "energy_supplier",
            "metering_grid_area",
            "energy_direction",
            "accounting_point_history",
            "end_user_history",
            "energy_supplier_history",
            "metering_grid_area_history",
            "energy_direction_history",
            "sync_state",
            "controllable_unit",
            "event_inbox")) {
      MAP.put("fis_accountingpoint." + table, gsrn);
    }
    // fis-billing: by issuer.
    Placement issuer = by("issuer_id", "issuer");
    for (String table :
        List.of(
            "invoice_counter",
            "invoice",
            "calculation",
            "calculation_item",
            "invoice_vat",
            "input_snapshot")) {
      MAP.put("fis_billing." + table, issuer);
    }
    // fis-iot-protocol: measurements by meter; devices and layouts are small reference tables.
    Placement meter = by("meter_id", "meter");
    MAP.put("fis_iot.meter", meter);
    MAP.put("fis_iot.raw_measurement", meter);
    MAP.put("fis_iot.aggregate", meter);
    MAP.put("fis_iot.aggregate_fold", meter);
    MAP.put("fis_iot.device", REFERENCE);
    MAP.put("fis_iot.device_key", REFERENCE);
    MAP.put("fis_iot.device_config", REFERENCE);
    MAP.put("fis_iot.register_layout", REFERENCE);
    // fis-ledger: by ledger where the table has the column, else by account.
    Placement ledger = by("ledger_id", "ledger");
    Placement account = by("account_id", "ledger");
    Placement job = by("job_id", "job");
    MAP.put("fis_ledger.ledger", ledger);
    MAP.put("fis_ledger.account", ledger);
    MAP.put("fis_ledger.account_balance", account);
    MAP.put("fis_ledger.posting", ledger);
    MAP.put("fis_ledger.entry", account);
    MAP.put("fis_ledger.hold_resolution", account);
    MAP.put("fis_ledger.reversal", ledger);
    MAP.put("fis_ledger.period_close", ledger);
    MAP.put("fis_ledger.closing_balance", ledger);
    MAP.put("fis_ledger.balance_task", account);
    MAP.put("fis_ledger.balance_task_applied", account);
    MAP.put("fis_ledger.balance_task_pending", account);
    MAP.put("fis_ledger.account_chain", account);
    // fis-jobs: a job and its status lines by job; schedules and their fired instants by schedule.
    MAP.put("fis_jobs.job", job);
    MAP.put("fis_jobs.job_status", job);
    MAP.put("fis_jobs.job_archive", job);
    MAP.put("fis_jobs.job_status_archive", job);
    Placement schedule = by("schedule_name", "schedule");
    MAP.put("fis_jobs.schedule", schedule);
    MAP.put("fis_jobs.schedule_fire", schedule);
  }

  /**
   * Today's violations of other modules (issue #15 and successors); none of the accounting point.
   */
  private static final Set<String> EXCEPTIONS =
      new TreeSet<>(
          List.of(
              "fis_ledger.account: foreign key account_parent_id_fkey does not join distribution"
                  + " columns ledger_id = ledger_id",
              "fis_ledger.account: primary key account_pkey lacks distribution column ledger_id",
              "fis_ledger.account_balance: foreign key account_balance_account_id_fkey does not"
                  + " join distribution columns account_id = ledger_id",
              "fis_ledger.closing_balance: foreign key closing_balance_account_id_fkey does not"
                  + " join distribution columns ledger_id = ledger_id",
              "fis_ledger.hold_resolution: foreign key hold_resolution_hold_posting_id_fkey does"
                  + " not join distribution columns account_id = ledger_id",
              "fis_ledger.hold_resolution: foreign key hold_resolution_resolving_posting_id_fkey"
                  + " does not join distribution columns account_id = ledger_id",
              "fis_ledger.hold_resolution: primary key hold_resolution_pkey lacks distribution"
                  + " column account_id",
              "fis_ledger.posting: primary key posting_pkey lacks distribution column ledger_id",
              "fis_ledger.reversal: foreign key reversal_reversing_posting_id_fkey does not join"
                  + " distribution columns ledger_id = ledger_id"));

  private static TestDatabase db;

  @BeforeAll
  static void migrate() {
    db = TestDatabase.create();
    ModuleMigrations.migrateAll(
        db.dataSource(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void every_table_of_every_module_follows_the_declared_distribution_map() {
    // Every schema of the suite, so that a new module's tables must be declared too.
    List<String> found =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'fis\\_%'")
                        .mapTo(String.class)
                        .list());
    Set<String> schemas = new TreeSet<>(found);
    assertThat(schemas).contains("fis_accountingpoint", "fis_billing", "fis_iot", "fis_ledger");
    Map<String, Placement> map = new HashMap<>(MAP);
    for (String schema : schemas) {
      map.put(schema + ".flyway_schema_history", LOCAL);
    }

    Set<String> violations = db.jdbi().withHandle(h -> Catalog.violations(h, schemas, map));

    assertThat(violations).filteredOn(v -> v.startsWith("fis_accountingpoint.")).isEmpty();
    assertThat(violations).containsExactlyInAnyOrderElementsOf(EXCEPTIONS);
  }

  @Test
  void each_rule_fires_on_a_violation_made_on_purpose() {
    Set<String> violations =
        db.jdbi()
            .withHandle(
                h -> {
                  h.begin();
                  h.execute("CREATE SCHEMA catalog_probe");
                  h.execute(
                      "CREATE TABLE catalog_probe.parent (tenant text, id bigint,"
                          + " PRIMARY KEY (tenant, id), UNIQUE (id))");
                  h.execute(
                      "CREATE TABLE catalog_probe.child (tenant text, id bigint, parent_id bigint"
                          + " REFERENCES catalog_probe.parent (id), PRIMARY KEY (tenant, id))");
                  h.execute("CREATE TABLE catalog_probe.other (tenant text PRIMARY KEY)");
                  h.execute(
                      "CREATE TABLE catalog_probe.ref (code text PRIMARY KEY,"
                          + " tenant text REFERENCES catalog_probe.other (tenant))");
                  h.execute("CREATE TABLE catalog_probe.undeclared (x int)");
                  h.execute(
                      "CREATE FUNCTION catalog_probe.copy() RETURNS trigger LANGUAGE plpgsql AS $$"
                          + " BEGIN EXECUTE format('INSERT INTO %I SELECT ($1).*',"
                          + " TG_TABLE_NAME || '_copy') USING OLD; RETURN NULL; END $$");
                  h.execute(
                      "CREATE TRIGGER copy AFTER DELETE ON catalog_probe.parent"
                          + " FOR EACH ROW EXECUTE FUNCTION catalog_probe.copy()");
                  Map<String, Placement> map =
                      Map.of(
                          "catalog_probe.parent", by("tenant", "t"),
                          "catalog_probe.child", by("tenant", "t"),
                          "catalog_probe.other", by("tenant", "o"),
                          "catalog_probe.ref", REFERENCE,
                          "catalog_probe.missing", LOCAL);
                  Set<String> found = Catalog.violations(h, Set.of("catalog_probe"), map);
                  h.rollback();
                  return found;
                });

    assertThat(violations)
        .containsExactlyInAnyOrder(
            "catalog_probe.parent: unique key parent_id_key lacks distribution column tenant",
            "catalog_probe.child: foreign key child_parent_id_fkey does not join distribution"
                + " columns tenant = tenant",
            "catalog_probe.ref: foreign key ref_tenant_fkey references distributed"
                + " catalog_probe.other from a reference or local table",
            "catalog_probe.parent: trigger copy runs catalog_probe.copy(), which derives a table"
                + " name from TG_TABLE_NAME",
            "catalog_probe.undeclared: not declared in the distribution map",
            "catalog_probe.missing: declared but does not exist");
  }

  /** The checks, over {@code pg_catalog}. */
  static final class Catalog {
    /** A statement that runs dynamic SQL, or a concatenation, involving TG_TABLE_NAME. */
    private static final Pattern DYNAMIC = Pattern.compile("(?is)\\b(execute|format)\\b");

    private static final Pattern TG_TABLE_NAME = Pattern.compile("(?i)\\btg_table_name\\b");

    private static final Pattern CONCATENATED =
        Pattern.compile("(?i)tg_table_name\\s*\\|\\||\\|\\|\\s*tg_table_name");

    private Catalog() {}

    static Set<String> violations(Handle h, Set<String> schemas, Map<String, Placement> map) {
      Set<String> violations = new TreeSet<>();
      List<String> tables =
          h.createQuery(
                  "SELECT n.nspname || '.' || c.relname FROM pg_class c"
                      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                      + " WHERE n.nspname = ANY(:schemas) AND c.relkind IN ('r', 'p')"
                      + " AND NOT c.relispartition ORDER BY 1")
              .bindArray("schemas", String.class, schemas)
              .mapTo(String.class)
              .list();
      for (String table : tables) {
        if (!map.containsKey(table)) {
          violations.add(table + ": not declared in the distribution map");
        }
      }
      for (String declared : map.keySet()) {
        if (!tables.contains(declared) && schemas.contains(declared.split("\\.")[0])) {
          violations.add(declared + ": declared but does not exist");
        }
      }
      uniqueKeys(h, schemas, map, violations);
      foreignKeys(h, schemas, map, violations);
      triggers(h, schemas, violations);
      return violations;
    }

    /** Keys and unique indexes of distributed tables must contain the distribution column. */
    private static void uniqueKeys(
        Handle h, Set<String> schemas, Map<String, Placement> map, Set<String> violations) {
      List<Map<String, Object>> keys =
          h.createQuery(
                  "SELECT n.nspname || '.' || t.relname AS tbl, i.relname AS name,"
                      + " (SELECT array_agg(a.attname::text) FROM unnest(x.indkey) k"
                      + "  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k) AS cols,"
                      + " CASE WHEN x.indisprimary THEN 'primary key'"
                      + "  WHEN con.oid IS NOT NULL THEN 'unique key' ELSE 'unique index' END AS what"
                      + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                      + " JOIN pg_class t ON t.oid = x.indrelid"
                      + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                      + " LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid"
                      + "  AND con.contype IN ('u', 'p')"
                      + " WHERE x.indisunique AND n.nspname = ANY(:schemas)"
                      + " AND NOT t.relispartition AND i.relkind IN ('i', 'I')"
                      + " AND NOT (x.indexrelid IN (SELECT inhrelid FROM pg_inherits))")
              .bindArray("schemas", String.class, schemas)
              .mapToMap()
              .list();
      for (Map<String, Object> key : keys) {
        String table = (String) key.get("tbl");
        if (map.get(table) instanceof Distributed distributed) {
          List<String> columns = columns(key.get("cols"));
          if (!columns.contains(distributed.column())) {
            violations.add(
                table
                    + ": "
                    + key.get("what")
                    + " "
                    + key.get("name")
                    + " lacks distribution column "
                    + distributed.column());
          }
        }
      }
    }

    /** Foreign keys must keep to one colocation group and join the distribution columns. */
    private static void foreignKeys(
        Handle h, Set<String> schemas, Map<String, Placement> map, Set<String> violations) {
      List<Map<String, Object>> keys =
          h.createQuery(
                  "SELECT con.conname AS name,"
                      + " cn.nspname || '.' || c.relname AS child,"
                      + " pn.nspname || '.' || p.relname AS parent,"
                      + " (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.conkey)"
                      + "  WITH ORDINALITY k(n, i) JOIN pg_attribute a"
                      + "  ON a.attrelid = con.conrelid AND a.attnum = k.n) AS child_cols,"
                      + " (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.confkey)"
                      + "  WITH ORDINALITY k(n, i) JOIN pg_attribute a"
                      + "  ON a.attrelid = con.confrelid AND a.attnum = k.n) AS parent_cols"
                      + " FROM pg_constraint con"
                      + " JOIN pg_class c ON c.oid = con.conrelid"
                      + " JOIN pg_namespace cn ON cn.oid = c.relnamespace"
                      + " JOIN pg_class p ON p.oid = con.confrelid"
                      + " JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                      + " WHERE con.contype = 'f' AND cn.nspname = ANY(:schemas)"
                      + " AND NOT c.relispartition AND con.conparentid = 0")
              .bindArray("schemas", String.class, schemas)
              .mapToMap()
              .list();
      for (Map<String, Object> key : keys) {
        String child = (String) key.get("child");
        String parent = (String) key.get("parent");
        Placement from = map.get(child);
        Placement to = map.get(parent);
        if (from == null || to == null) {
          continue; // Reported as undeclared.
        }
        String name = child + ": foreign key " + key.get("name");
        if (to instanceof Distributed target) {
          if (!(from instanceof Distributed source)) {
            violations.add(
                name + " references distributed " + parent + " from a reference or local table");
            continue;
          }
          if (!source.group().equals(target.group())) {
            violations.add(
                name + " crosses colocation groups " + source.group() + " -> " + target.group());
            continue;
          }
          List<String> childColumns = columns(key.get("child_cols"));
          List<String> parentColumns = columns(key.get("parent_cols"));
          int at = childColumns.indexOf(source.column());
          if (at < 0 || !parentColumns.get(at).equals(target.column())) {
            violations.add(
                name
                    + " does not join distribution columns "
                    + source.column()
                    + " = "
                    + target.column());
          }
        } else if (to instanceof Local && !(from instanceof Local)) {
          violations.add(name + " references local table " + parent);
        }
      }
    }

    /** Trigger functions must not build a table name from TG_TABLE_NAME. */
    private static void triggers(Handle h, Set<String> schemas, Set<String> violations) {
      List<Map<String, Object>> triggers =
          h.createQuery(
                  "SELECT n.nspname || '.' || c.relname AS tbl, t.tgname AS name,"
                      + " pn.nspname || '.' || p.proname || '()' AS function, p.prosrc AS source"
                      + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                      + " JOIN pg_proc p ON p.oid = t.tgfoid"
                      + " JOIN pg_namespace pn ON pn.oid = p.pronamespace"
                      + " WHERE NOT t.tgisinternal AND n.nspname = ANY(:schemas)"
                      + " AND NOT c.relispartition")
              .bindArray("schemas", String.class, schemas)
              .mapToMap()
              .list();
      for (Map<String, Object> trigger : triggers) {
        if (derivesTableName((String) trigger.get("source"))) {
          violations.add(
              trigger.get("tbl")
                  + ": trigger "
                  + trigger.get("name")
                  + " runs "
                  + trigger.get("function")
                  + ", which derives a table name from TG_TABLE_NAME");
        }
      }
    }

    /** A statement that names TG_TABLE_NAME and runs dynamic SQL, or concatenates it. */
    static boolean derivesTableName(String source) {
      for (String statement : Objects.requireNonNullElse(source, "").split(";")) {
        if (TG_TABLE_NAME.matcher(statement).find()
            && (DYNAMIC.matcher(statement).find() || CONCATENATED.matcher(statement).find())) {
          return true;
        }
      }
      return false;
    }

    private static List<String> columns(Object array) {
      List<String> columns = new ArrayList<>();
      if (array instanceof java.sql.Array sql) {
        try {
          for (Object value : (Object[]) sql.getArray()) {
            columns.add((String) value);
          }
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      } else if (array instanceof Object[] values) {
        for (Object value : values) {
          columns.add((String) value);
        }
      }
      return columns;
    }
  }
}
