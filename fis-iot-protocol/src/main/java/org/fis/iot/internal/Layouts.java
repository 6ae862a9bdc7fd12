package org.fis.iot.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fis.iot.RegisterKind;
import org.jdbi.v3.core.Handle;

/**
 * The stored register layouts as one transaction sees them. The table holds one row per distinct
 * meter model version, a handful. Not thread-safe; one instance per transaction.
 */
public final class Layouts {
  /** Bound on stored layouts read at once. */
  public static final int LAYOUTS_MAX = 10_000;

  /**
   * Layouts known to be committed, shared by the transactions of one engine (one database). Only
   * rows read before this transaction inserted anything are remembered. Thread-safe.
   */
  public static final class Cache {
    private final Map<RegisterLayout, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, RegisterLayout> byId = new ConcurrentHashMap<>();

    /** Forgets everything (after a failure that may stem from a stale entry). */
    public void clear() {
      ids.clear();
      byId.clear();
    }
  }

  private final Handle handle;
  private final Map<Integer, RegisterLayout> byId = new HashMap<>();
  private final Map<RegisterLayout, Integer> ids = new HashMap<>();
  private final Map<RegisterLayout, Integer> byIdentity = new java.util.IdentityHashMap<>();

  private Layouts(Handle handle) {
    this.handle = handle;
  }

  /** Loads all layouts without a cache (read-only use). */
  public static Layouts load(Handle handle, Collection<RegisterLayout> needed) {
    return load(handle, needed, new Cache());
  }

  /** The layouts, inserting the needed ones if missing; uses and fills the cache. */
  public static Layouts load(Handle handle, Collection<RegisterLayout> needed, Cache cache) {
    Layouts layouts = new Layouts(handle);
    layouts.ids.putAll(cache.ids);
    layouts.byId.putAll(cache.byId);
    if (!needed.isEmpty() && layouts.ids.keySet().containsAll(needed)) {
      return layouts;
    }
    layouts.read();
    cache.ids.putAll(layouts.ids);
    cache.byId.putAll(layouts.byId);
    List<RegisterLayout> missing = new ArrayList<>();
    for (RegisterLayout layout : needed) {
      if (!layouts.ids.containsKey(layout)) {
        missing.add(layout);
      }
    }
    for (RegisterLayout layout : missing) {
      handle
          .createUpdate(
              "INSERT INTO fis_iot.register_layout (registers, kinds) VALUES (:r, :k) ON CONFLICT"
                  + " DO NOTHING")
          .bindArray("r", String.class, layout.names())
          .bindArray("k", String.class, layout.kinds().stream().map(Enum::name).toList())
          .execute();
    }
    if (!missing.isEmpty()) {
      layouts.read();
    }
    return layouts;
  }

  private void read() {
    handle
        .createQuery(
            "SELECT layout_id, registers, kinds FROM fis_iot.register_layout ORDER BY layout_id"
                + " LIMIT "
                + LAYOUTS_MAX)
        .map(
            (rs, ctx) -> {
              int id = rs.getInt(1);
              List<String> names = strings(rs.getArray(2));
              List<RegisterKind> kinds =
                  strings(rs.getArray(3)).stream().map(RegisterKind::valueOf).toList();
              return Map.entry(id, new RegisterLayout(names, kinds));
            })
        .forEach(
            e -> {
              byId.put(e.getKey(), e.getValue());
              ids.put(e.getValue(), e.getKey());
            });
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }

  /** The id of a layout loaded or inserted by {@link #load}. */
  public int id(RegisterLayout layout) {
    // Callers pass the same few instances over and over: an identity lookup spares hashing and
    // comparing the layout's register lists on every call.
    Integer known = byIdentity.get(layout);
    if (known != null) {
      return known;
    }
    Integer id = ids.get(layout);
    if (id != null) {
      byIdentity.put(layout, id);
    }
    if (id == null) {
      throw new IllegalStateException("layout not loaded: " + layout.names());
    }
    return id;
  }

  /** The layout of an id, reading the table again if it is not known yet. */
  public RegisterLayout layout(int id) {
    RegisterLayout layout = byId.get(id);
    if (layout == null) {
      read();
      layout = byId.get(id);
    }
    if (layout == null) {
      throw new IllegalStateException("unknown layout id " + id);
    }
    return layout;
  }
}
