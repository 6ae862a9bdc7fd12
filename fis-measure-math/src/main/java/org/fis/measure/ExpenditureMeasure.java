package org.fis.measure;

import java.math.RoundingMode;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a connection's consumption costs: the network usage cost, the energy supply cost, both, or
 * explicitly {@link NotAvailable}. Values are {@link TariffMeasure}s of {@link MeasureKind#MONEY}.
 *
 * <p>A missing part is "not available", never zero: the usage cost of a supply-only expenditure is
 * not available. {@link #add} keeps the parts both operands have and throws {@link
 * MeasureMismatchException} when they share none (usage + supply).
 *
 * <p>Immutable and thread-safe. No database access.
 */
public sealed interface ExpenditureMeasure
    permits ExpenditureMeasure.NotAvailable,
        ExpenditureMeasure.Usage,
        ExpenditureMeasure.Supply,
        ExpenditureMeasure.UsageAndSupply {

  /**
   * The network usage cost.
   *
   * @return the cost, or not available when this expenditure has none
   */
  TariffMeasure usage();

  /**
   * The energy supply cost.
   *
   * @return the cost, or not available when this expenditure has none
   */
  TariffMeasure supply();

  /**
   * The total cost: usage, supply, or usage + supply.
   *
   * @return the sum
   */
  TariffMeasure sum();

  /**
   * The sum of two expenditures, part by part: usage + usage, supply + supply. Parts only one side
   * has are dropped (usage and supply + usage → usage).
   *
   * @param other another expenditure
   * @return this + other
   * @throws MeasureMismatchException if the two share no part (usage + supply)
   */
  default ExpenditureMeasure add(ExpenditureMeasure other) {
    Objects.requireNonNull(other, "other");
    if (this instanceof NotAvailable || other instanceof NotAvailable) {
      return new NotAvailable();
    }
    boolean usage = hasUsage(this) && hasUsage(other);
    boolean supply = hasSupply(this) && hasSupply(other);
    if (usage && supply) {
      return new UsageAndSupply(usage().add(other.usage()), supply().add(other.supply()));
    } else if (usage) {
      return new Usage(usage().add(other.usage()));
    } else if (supply) {
      return new Supply(supply().add(other.supply()));
    }
    throw new MeasureMismatchException(
        "add: "
            + getClass().getSimpleName()
            + " and "
            + other.getClass().getSimpleName()
            + " share no cost part");
  }

  /**
   * Every cost multiplied by an integer.
   *
   * @param factor the factor
   * @return this × factor
   */
  default ExpenditureMeasure multiply(long factor) {
    return map(this, cost -> cost.multiply(factor));
  }

  /**
   * Every cost divided by an integer with rounding.
   *
   * @param divisor not zero
   * @param rounding how to round
   * @return this / divisor
   */
  default ExpenditureMeasure divide(long divisor, RoundingMode rounding) {
    Objects.requireNonNull(rounding, "rounding");
    if (divisor == 0) {
      throw new IllegalArgumentException("divisor: must not be zero");
    }
    return map(this, cost -> cost.divide(divisor, rounding));
  }

  /**
   * Every cost negated (a credit).
   *
   * @return −this
   */
  default ExpenditureMeasure negate() {
    return map(this, TariffMeasure::negate);
  }

  private static boolean hasUsage(ExpenditureMeasure e) {
    return e instanceof Usage || e instanceof UsageAndSupply;
  }

  private static boolean hasSupply(ExpenditureMeasure e) {
    return e instanceof Supply || e instanceof UsageAndSupply;
  }

  private static ExpenditureMeasure map(
      ExpenditureMeasure e, UnaryOperator<TariffMeasure> operation) {
    if (e instanceof Usage) {
      return new Usage(operation.apply(((Usage) e).usage()));
    } else if (e instanceof Supply) {
      return new Supply(operation.apply(((Supply) e).supply()));
    } else if (e instanceof UsageAndSupply) {
      UsageAndSupply both = (UsageAndSupply) e;
      return new UsageAndSupply(operation.apply(both.usage()), operation.apply(both.supply()));
    } else if (e instanceof NotAvailable) {
      return e;
    }
    throw new AssertionError(e);
  }

  private static TariffMeasure requireMoney(TariffMeasure cost, String parameter) {
    Objects.requireNonNull(cost, parameter);
    if (cost.kind() != MeasureKind.MONEY) {
      throw new MeasureMismatchException(parameter + ": must be MONEY, got " + cost.kind());
    }
    return cost;
  }

  /** Explicitly not available: every part is not available. */
  record NotAvailable() implements ExpenditureMeasure {
    @Override
    public TariffMeasure usage() {
      return TariffMeasure.notAvailable(MeasureKind.MONEY);
    }

    @Override
    public TariffMeasure supply() {
      return TariffMeasure.notAvailable(MeasureKind.MONEY);
    }

    @Override
    public TariffMeasure sum() {
      return TariffMeasure.notAvailable(MeasureKind.MONEY);
    }
  }

  /**
   * Only the network usage cost.
   *
   * @param usage the usage cost
   */
  record Usage(TariffMeasure usage) implements ExpenditureMeasure {
    /** Validates: money. */
    public Usage {
      requireMoney(usage, "usage");
    }

    @Override
    public TariffMeasure supply() {
      return TariffMeasure.notAvailable(MeasureKind.MONEY);
    }

    @Override
    public TariffMeasure sum() {
      return usage;
    }
  }

  /**
   * Only the energy supply cost.
   *
   * @param supply the supply cost
   */
  record Supply(TariffMeasure supply) implements ExpenditureMeasure {
    /** Validates: money. */
    public Supply {
      requireMoney(supply, "supply");
    }

    @Override
    public TariffMeasure usage() {
      return TariffMeasure.notAvailable(MeasureKind.MONEY);
    }

    @Override
    public TariffMeasure sum() {
      return supply;
    }
  }

  /**
   * Both costs.
   *
   * @param usage the network usage cost
   * @param supply the energy supply cost
   */
  record UsageAndSupply(TariffMeasure usage, TariffMeasure supply) implements ExpenditureMeasure {
    /** Validates: money. */
    public UsageAndSupply {
      requireMoney(usage, "usage");
      requireMoney(supply, "supply");
    }

    @Override
    public TariffMeasure sum() {
      return usage.add(supply);
    }
  }
}
