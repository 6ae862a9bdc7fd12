package org.fis.measure.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.fis.measure.time.Interval;

/**
 * The laws as assertions, for a host's own {@code @Property} methods: each throws {@link
 * AssertionError} naming the law, the operands and both sides when it does not hold, so jqwik
 * shrinks to the smallest failing operands. The law interfaces ({@link AssociativityLaw}, {@link
 * CommutativityLaw}, {@link IdentityLaw}, {@link IdempotentRedeliveryLaw}, {@link
 * SplitAdditivityLaw}) are built on these.
 *
 * <p>Equality is {@link Object#equals}: the measure types are records, so equal values compare
 * equal (results of the algebra are normalised, see the fis-measure-math README).
 *
 * <p>Stateless and thread-safe.
 */
public final class Laws {
  private Laws() {}

  /**
   * {@code (a ∘ b) ∘ c == a ∘ (b ∘ c)}.
   *
   * @param operation the operation
   * @param a first operand
   * @param b second operand
   * @param c third operand
   * @param <T> the value type
   */
  public static <T> void assertAssociative(BinaryOperator<T> operation, T a, T b, T c) {
    Objects.requireNonNull(operation, "operation");
    T left = operation.apply(operation.apply(a, b), c);
    T right = operation.apply(a, operation.apply(b, c));
    if (!Objects.equals(left, right)) {
      throw new AssertionError(
          "associativity: (a ∘ b) ∘ c = "
              + left
              + " but a ∘ (b ∘ c) = "
              + right
              + operands(List.of(a, b, c)));
    }
  }

  /**
   * {@code a ∘ b == b ∘ a}.
   *
   * @param operation the operation
   * @param a first operand
   * @param b second operand
   * @param <T> the value type
   */
  public static <T> void assertCommutative(BinaryOperator<T> operation, T a, T b) {
    Objects.requireNonNull(operation, "operation");
    T left = operation.apply(a, b);
    T right = operation.apply(b, a);
    if (!Objects.equals(left, right)) {
      throw new AssertionError(
          "commutativity: a ∘ b = " + left + " but b ∘ a = " + right + operands(List.of(a, b)));
    }
  }

  /**
   * {@code a ∘ e == a} and {@code e ∘ a == a} for the identity {@code e = identityFor(a)} (the
   * identity may depend on the operand's shape: the zero of a three-phase value is three-phase).
   *
   * @param operation the operation
   * @param identityFor the identity element for an operand
   * @param a the operand
   * @param <T> the value type
   */
  public static <T> void assertIdentity(
      BinaryOperator<T> operation, UnaryOperator<T> identityFor, T a) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(identityFor, "identityFor");
    T identity = identityFor.apply(a);
    T right = operation.apply(a, identity);
    T left = operation.apply(identity, a);
    if (!Objects.equals(right, a) || !Objects.equals(left, a)) {
      throw new AssertionError(
          "identity: a ∘ e = "
              + right
              + " and e ∘ a = "
              + left
              + ", expected a"
              + operands(List.of(a, identity)));
    }
  }

  /**
   * Consuming a re-delivered batch gives what consuming each item once gives.
   *
   * @param consume the consumer (a fold, a store, an aggregation)
   * @param redelivery the batch and its delivery
   * @param <T> the item type
   * @param <R> the result type
   */
  public static <T, R> void assertIdempotentRedelivery(
      Function<List<T>, R> consume, Redelivery<T> redelivery) {
    Objects.requireNonNull(consume, "consume");
    R once = consume.apply(redelivery.original());
    R again = consume.apply(redelivery.delivered());
    if (!Objects.equals(once, again)) {
      throw new AssertionError(
          "idempotent re-delivery: each item once gives "
              + once
              + " but the re-delivered batch gives "
              + again
              + "\n  original:  "
              + redelivery.original()
              + "\n  delivered: "
              + redelivery.delivered());
    }
  }

  /**
   * {@code measure(period) == add(measure(left part), measure(right part))}.
   *
   * @param measure the measure of a period
   * @param add how two parts' measures combine
   * @param split the period and its split
   * @param <T> the measure type
   */
  public static <T> void assertAdditiveOverSplit(
      Function<Interval, T> measure, BinaryOperator<T> add, TimeArbitraries.SplitPeriod split) {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(add, "add");
    T whole = measure.apply(split.period());
    T parts = add.apply(measure.apply(split.left()), measure.apply(split.right()));
    if (!Objects.equals(whole, parts)) {
      throw new AssertionError(
          "additivity over split periods: measure("
              + split.period()
              + ") = "
              + whole
              + " but measure("
              + split.left()
              + ") + measure("
              + split.right()
              + ") = "
              + parts);
    }
  }

  private static String operands(List<?> values) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      text.append("\n  ").append((char) ('a' + i)).append(" = ").append(values.get(i));
    }
    return text.toString();
  }
}
