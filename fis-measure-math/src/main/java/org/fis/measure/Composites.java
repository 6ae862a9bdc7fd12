package org.fis.measure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The composite rules, written once for every layer ({@link PhaseMeasure}, {@link
 * DirectionMeasure}, {@link TariffMeasure}): how a composite is built (flattened, "not available"
 * dropped, equal duplicates merged, one alternative unwrapped), how its members are validated, how
 * a reduction picks the first preferred member whose result is available, how a unary operation
 * maps the members, and how a binary operation pairs the members of two operands by representation.
 * A layer describes itself once with a {@link Layer} and keeps only its own records' arithmetic.
 * Immutable and thread-safe. Not API.
 *
 * @param <M> the layer's measure type
 * @param <R> the layer's representation enum
 */
final class Composites<M, R extends Enum<R>> {

  /**
   * How a layer looks to the composite rules.
   *
   * @param representations the representation enum
   * @param representationOf the representation of a plain, available measure; null for "not
   *     available" and composites
   * @param membersOf a composite's members; null for any other measure
   * @param kindOf the measure's kind
   * @param isAvailable whether the measure is available
   * @param notAvailable "not available" of a kind
   * @param newComposite a composite of validated members
   * @param <M> the layer's measure type
   * @param <R> the layer's representation enum
   */
  record Layer<M, R extends Enum<R>>(
      Class<R> representations,
      Function<M, R> representationOf,
      Function<M, Map<R, M>> membersOf,
      Function<M, MeasureKind> kindOf,
      Predicate<M> isAvailable,
      Function<MeasureKind, M> notAvailable,
      Function<Map<R, M>, M> newComposite) {}

  private final Layer<M, R> layer;

  Composites(Layer<M, R> layer) {
    this.layer = Objects.requireNonNull(layer, "layer");
  }

  /** The representation of a plain, available measure; null for not available and composites. */
  R representationOf(M measure) {
    return layer.representationOf().apply(measure);
  }

  /** The member of a representation: the measure itself, a composite's member, or null. */
  M member(M measure, R representation) {
    Map<R, M> members = layer.membersOf().apply(measure);
    if (members != null) {
      return members.get(representation);
    }
    return representationOf(measure) == representation ? measure : null;
  }

  /** A short description of a measure's representations for error messages. */
  String describe(M measure) {
    Map<R, M> members = layer.membersOf().apply(measure);
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
      if (!layer.isAvailable().test(member)) {
        throw new IllegalArgumentException("members: a member is not available: " + member);
      }
      MeasureKind memberKind = layer.kindOf().apply(member);
      if (kind != null && memberKind != kind) {
        throw new MeasureMismatchException(
            "members: cannot combine " + kind + " with " + memberKind);
      }
      kind = memberKind;
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
    MeasureKind kind =
        layer.kindOf().apply(Objects.requireNonNull(alternatives.get(0), "alternatives"));
    EnumMap<R, M> members = new EnumMap<>(layer.representations());
    for (M alternative : alternatives) {
      Objects.requireNonNull(alternative, "alternatives");
      MeasureKind alternativeKind = layer.kindOf().apply(alternative);
      if (alternativeKind != kind) {
        throw new MeasureMismatchException(
            "alternatives: cannot combine " + kind + " with " + alternativeKind);
      }
      Map<R, M> nested = layer.membersOf().apply(alternative);
      if (nested != null) {
        for (M member : nested.values()) {
          put(members, member);
        }
      } else if (layer.isAvailable().test(alternative)) {
        put(members, alternative);
      }
    }
    if (members.isEmpty()) {
      return layer.notAvailable().apply(kind);
    }
    if (members.size() == 1) {
      return members.values().iterator().next();
    }
    return layer.newComposite().apply(members);
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
   * A binary operation over two available operands, member by member: for each representation (in
   * {@code combinable} order) that both sides have after lossless conversion ({@code as}), the
   * members are combined; representations only one side has are dropped. The results are built into
   * a composite (so unavailable results are dropped).
   *
   * @param as the operand as a representation, converting losslessly, or null
   * @param pair combines two members of the same representation
   * @throws MeasureMismatchException if no representation is shared
   */
  M combineByRepresentation(
      M left, M right, List<R> combinable, As<M, R> as, BinaryOperator<M> pair, String operation) {
    List<M> results = new ArrayList<>(combinable.size());
    for (R representation : combinable) {
      M a = as.apply(left, representation);
      M b = as.apply(right, representation);
      if (a != null && b != null) {
        results.add(pair.apply(a, b));
      }
    }
    if (results.isEmpty()) {
      throw new MeasureMismatchException(
          operation
              + ": no lossless conversion between "
              + describe(left)
              + " and "
              + describe(right));
    }
    return composite(results);
  }

  /**
   * A measure as one representation, converting losslessly, or null when it cannot be.
   *
   * @param <M> the layer's measure type
   * @param <R> the layer's representation enum
   */
  @FunctionalInterface
  interface As<M, R> {
    /** The measure as the representation, or null. */
    M apply(M measure, R representation);
  }
}
