package org.fis.iot.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fis.iot.RegisterKind;
import org.jdbi.v3.core.Handle;

/**
 * The stored register layouts of one transaction: loaded once per batch (the table holds one row
 * per distinct meter model version, a handful), missing ones inserted. Not thread-safe; one
 * instance per transaction.
 */
public final class Layouts {
  /** Bound on stored layouts read at once. */
  public static final int LAYOUTS_MAX = 10_000;

  private final Map<Integer, RegisterLayout> byId = new HashMap<>();
  private final Map<RegisterLayout, Integer> ids = new HashMap<>();

  private Layouts() {}

  /** Loads all layouts, inserting the given ones if missing. */
  public static Layouts load(Handle handle, Collection<RegisterLayout> needed) {
    Layouts layouts = read(handle);
    List<RegisterLayout> missing = new ArrayList<>();
    for (RegisterLayout layout : needed) {
      if (!layouts.ids.containsKey(layout)) {
        missing.add(layout);
      }
    }
    if (missing.isEmpty()) {
      return layouts;
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
    return read(handle);
  }

  private static Layouts read(Handle handle) {
    Layouts layouts = new Layouts();
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
              layouts.byId.put(e.getKey(), e.getValue());
              layouts.ids.put(e.getValue(), e.getKey());
            });
    return layouts;
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }

  /** The id of a layout loaded or inserted by {@link #load}. */
  public int id(RegisterLayout layout) {
    Integer id = ids.get(layout);
    if (id == null) {
      throw new IllegalStateException("layout not loaded: " + layout.names());
    }
    return id;
  }

  /** The layout of an id. */
  public RegisterLayout layout(int id) {
    RegisterLayout layout = byId.get(id);
    if (layout == null) {
      throw new IllegalStateException("unknown layout id " + id);
    }
    return layout;
  }
}
