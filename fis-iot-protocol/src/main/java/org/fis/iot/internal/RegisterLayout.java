package org.fis.iot.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fis.iot.MeterModel;
import org.fis.iot.Register;
import org.fis.iot.RegisterKind;

/**
 * The register names and kinds that a row's value arrays are aligned with. Immutable.
 *
 * @param names register names
 * @param kinds their kinds, same length
 */
public record RegisterLayout(List<String> names, List<RegisterKind> kinds) {
  /** Validates the layout. */
  public RegisterLayout {
    names = List.copyOf(Objects.requireNonNull(names, "names"));
    kinds = List.copyOf(Objects.requireNonNull(kinds, "kinds"));
    if (names.size() != kinds.size()) {
      throw new IllegalArgumentException("names and kinds: lengths differ");
    }
  }

  /** The layout of a meter model. */
  public static RegisterLayout of(MeterModel model) {
    return new RegisterLayout(
        model.registers().stream().map(Register::name).toList(),
        model.registers().stream().map(Register::kind).toList());
  }

  /** Number of registers. */
  public int size() {
    return names.size();
  }

  /** Whether register {@code i} is cumulative. */
  public boolean cumulative(int i) {
    return kinds.get(i) == RegisterKind.CUMULATIVE;
  }

  /** Index of each name. */
  public Map<String, Integer> indexByName() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    return index;
  }
}
