package org.fis.measure.testkit;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The law "delivering a batch again changes nothing" for a host's consumer (an ingestion, a store,
 * an aggregation keyed by reading): {@code consume(delivered) == consume(original)} where {@code
 * delivered} repeats some items ({@link MeterArbitraries#redeliveries}).
 *
 * @param <T> the item type
 * @param <R> the consumer's result type
 */
public interface IdempotentRedeliveryLaw<T, R> {
  /**
   * The batches, each with distinct items.
   *
   * @return the batches
   */
  Arbitrary<List<T>> batches();

  /**
   * Consumes a delivery in order and returns what the host keeps.
   *
   * @param delivered the items as delivered
   * @return the result
   */
  R consume(List<T> delivered);

  /**
   * The provider the law property draws from.
   *
   * @return the re-deliveries of {@link #batches()}
   */
  @Provide
  default Arbitrary<Redelivery<T>> lawRedeliveries() {
    return MeterArbitraries.redeliveries(batches());
  }

  /**
   * The property.
   *
   * @param redelivery a batch and its delivery
   */
  @Property
  default void redelivery_is_idempotent(@ForAll("lawRedeliveries") Redelivery<T> redelivery) {
    Laws.assertIdempotentRedelivery(this::consume, redelivery);
  }
}
