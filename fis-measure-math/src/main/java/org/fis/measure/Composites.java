package org.fis.measure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The composite rules, written once for every layer ({@link PhaseMeasure}, {@link
 * DirectionMeasure}, {@link TariffMeasure}): how a composite is built (flattened, "not available"
 * dropped, equal duplicates merged, one alternative unwrapped), how its members are validated, how
 * a reduction picks the first preferred member whose result is available, how a unary operation
 * maps the members, and how a binary operation pairs the members of two operands by representation.
 * Each layer keeps only its own records' arithmetic.
 *
 * <p>A layer is described by its sealed type and its representation enum: each permitted record
 * named like a representation constant ({@code ThreePhase} ↔ {@code THREE_PHASE}) has that
 * representation; {@code NotAvailable} and {@code Composite} (an {@link Alternatives}) have none.
 * The constructor checks that records and constants match one to one. Immutable and thread-safe.
 * Not API.
 *
 * @param <M> the layer's measure type
 * @param <R> the layer's representation enum
 */
final class Composites<M extends Layered, R extends Enum<R>> {
  private static final List<String> WITHOUT_REPRESENTATION = List.of("NotAvailable", "Composite");

  private final Class<R> representations;
  private final Map<Class<?>, R> representationByRecord;
  private final Function<MeasureKind, M> notAvailable;
  private final Function<Map<R, M>, M> newComposite;

  /**
   * The rules of a layer.
   *
   * @param layer the layer's sealed type
   * @param representations its representation enum
   * @param notAvailable "not available" of a kind
   * @param newComposite a composite of validated members
   * @throws AssertionError if the records and the representations do not match one to one
   */
  Composites(
      Class<M> layer,
      Class<R> representations,
      Function<MeasureKind, M> notAvailable,
      Function<Map<R, M>, M> newComposite) {
    this.representations = Objects.requireNonNull(representations, "representations");
    this.notAvailable = Objects.requireNonNull(notAvailable, "notAvailable");
    this.newComposite = Objects.requireNonNull(newComposite, "newComposite");
    Map<Class<?>, R> byRecord = new HashMap<>();
    for (Class<?> record : layer.getPermittedSubclasses()) {
      if (!WITHOUT_REPRESENTATION.contains(record.getSimpleName())) {
        byRecord.put(record, Enum.valueOf(representations, constantName(record.getSimpleName())));
      }
    }
    if (byRecord.size() != representations.getEnumConstants().length) {
      throw new AssertionError(
          layer + ": records " + byRecord + " do not cover " + representations);
    }
    this.representationByRecord = Map.copyOf(byRecord);
  }

  /** {@code ThreePhase} → {@code THREE_PHASE}. */
  private static String constantName(String recordName) {
    return recordName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** The representation of a plain, available measure; null for not available and composites. */
  R representationOf(M measure) {
    return representationByRecord.get(measure.getClass());
  }

  /** A composite's members; null for any other measure. */
  @SuppressWarnings("unchecked")
  private Map<R, M> membersOf(M measure) {
    return measure instanceof Alternatives<?, ?> composite ? (Map<R, M>) composite.members() : null;
  }

  /** The member of a representation: the measure itself, a composite's member, or null. */
  M member(M measure, R representation) {
    Map<R, M> members = membersOf(measure);
    if (members != null) {
      return members.get(representation);
    }
    return representationOf(measure) == representation ? measure : null;
  }

  /** A short description of a measure's representations for error messages. */
  String describe(M measure) {
    Map<R, M> members = membersOf(measure);
    if (members != null) {
      return "composite" + members.keySet();
    }
    R representation = representationOf(measure);
    return representation == null ? "not available" : representation.toString();
  }

  /** Validates a composite's members: at least two, keyed by their own representation. */
  void requireMembers(Map<R, M> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException(
          "members: a composite needs at least two alternatives, got " + members.size());
    }
    MeasureKind kind = null;
    for (Map.Entry<R, M> entry : members.entrySet()) {
      M member = Objects.requireNonNull(entry.getValue(), "members");
      if (representationOf(member) != entry.getKey()) {
        throw new IllegalArgumentException(
            "members: key " + entry.getKey() + " does not match its member " + member);
      }
      if (!member.isAvailable()) {
        throw new IllegalArgumentException("members: a member is not available: " + member);
      }
      if (kind != null && member.kind() != kind) {
        throw new MeasureMismatchException(
            "members: cannot combine " + kind + " with " + member.kind());
      }
      kind = member.kind();
    }
  }

  /**
   * Builds a composite: flattens, drops not available, merges equal duplicates, unwraps one.
   *
   * @throws MeasureMismatchException if kinds differ or two different alternatives share a
   *     representation
   */
  M composite(List<? extends M> alternatives) {
    Objects.requireNonNull(alternatives, "alternatives");
    if (alternatives.isEmpty()) {
      throw new IllegalArgumentException("alternatives: at least one is needed");
    }
    MeasureKind kind = Objects.requireNonNull(alternatives.get(0), "alternatives").kind();
    EnumMap<R, M> members = new EnumMap<>(representations);
    for (M alternative : alternatives) {
      Objects.requireNonNull(alternative, "alternatives");
      if (alternative.kind() != kind) {
        throw new MeasureMismatchException(
            "alternatives: cannot combine " + kind + " with " + alternative.kind());
      }
      Map<R, M> nested = membersOf(alternative);
      if (nested != null) {
        for (M member : nested.values()) {
          put(members, member);
        }
      } else if (alternative.isAvailable()) {
        put(members, alternative);
      }
    }
    if (members.isEmpty()) {
      return notAvailable.apply(kind);
    }
    if (members.size() == 1) {
      return members.values().iterator().next();
    }
    return newComposite.apply(members);
  }

  private void put(EnumMap<R, M> members, M member) {
    R representation = representationOf(member);
    M previous = members.putIfAbsent(representation, member);
    if (previous != null && !previous.equals(member)) {
      throw new MeasureMismatchException(
          "alternatives: two different "
              + representation
              + " alternatives: "
              + previous
              + " and "
              + member);
    }
  }

  /** The first present result of a reduction over a composite's members in order of preference. */
  <T> Optional<T> firstPresent(
      Map<R, M> members, List<R> order, Function<M, Optional<T>> reduction) {
    for (R representation : order) {
      M member = members.get(representation);
      Optional<T> result = member == null ? Optional.empty() : reduction.apply(member);
      if (result.isPresent()) {
        return result;
      }
    }
    return Optional.empty();
  }

  /** A unary operation applied to every member of a composite, rebuilt as a composite. */
  M mapMembers(Map<R, M> members, UnaryOperator<M> operation) {
    List<M> results = new ArrayList<>(members.size());
    for (M member : members.values()) {
      results.add(operation.apply(member));
    }
    return composite(results);
  }

  /**
   * A binary operation, member by member: kinds must match; "not available" on either side gives
   * not available; otherwise, for each representation (in {@code combinable} order) that both sides
   * have after lossless conversion ({@code as}), the members are combined with {@code pair};
   * representations only one side has are dropped. The results are built into a composite (so
   * unavailable results are dropped).
   *
   * @param as the operand as a representation, converting losslessly, or null
   * @param pair combines two members of the same representation
   * @throws MeasureMismatchException if the kinds differ or no representation is shared
   */
  M combine(
      M left, M right, boolean subtract, List<R> combinable, BiFunction<M, R, M> as, Pair<M> pair) {
    if (left.kind() != right.kind()) {
      throw new MeasureMismatchException(
          "other: cannot combine " + left.kind() + " with " + right.kind());
    }
    if (!left.isAvailable() || !right.isAvailable()) {
      return notAvailable.apply(left.kind());
    }
    List<M> results = new ArrayList<>(combinable.size());
    for (R representation : combinable) {
      M a = as.apply(left, representation);
      M b = as.apply(right, representation);
      if (a != null && b != null) {
        results.add(pair.combine(a, b, subtract));
      }
    }
    if (results.isEmpty()) {
      throw new MeasureMismatchException(
          (subtract ? "subtract" : "add")
              + ": no lossless conversion between "
              + describe(left)
              + " and "
              + describe(right));
    }
    return composite(results);
  }

  /**
   * How a layer adds or subtracts two members of one representation.
   *
   * @param <M> the layer's measure type
   */
  @FunctionalInterface
  interface Pair<M> {
    /** {@code a + b}, or {@code a − b} when {@code subtract}. */
    M combine(M a, M b, boolean subtract);
  }
}
