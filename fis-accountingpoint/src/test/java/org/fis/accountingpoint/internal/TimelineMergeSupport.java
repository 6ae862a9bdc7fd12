package org.fis.accountingpoint.internal;

import java.util.List;
import net.jqwik.api.Arbitrary;

/** Gives tests in other packages the timeline generator of {@link TimelineMergePropertyTest}. */
public final class TimelineMergeSupport {
  private TimelineMergeSupport() {}

  /** Non-overlapping timelines over days 0..40 with values A, B, C, gaps and open ends. */
  public static Arbitrary<List<Span>> timelines() {
    return TimelineMergePropertyTest.timelines();
  }
}
