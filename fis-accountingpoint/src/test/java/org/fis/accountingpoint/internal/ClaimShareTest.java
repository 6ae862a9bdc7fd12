package org.fis.accountingpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

/** The order in which a pool worker tries the candidates of one claim window. */
class ClaimShareTest {

  @Property
  void a_share_tries_every_candidate_once_its_own_first_each_part_in_claim_order(
      @ForAll @Size(max = 300) @UniqueElements List<@IntRange(min = 0, max = 99_999) Integer> ids,
      @ForAll @IntRange(min = 1, max = 40) int count,
      @ForAll @IntRange(min = 0, max = 39) int rawIndex) {
    List<String> candidates = gsrns(ids);
    SyncStateDao.Share share = new SyncStateDao.Share(rawIndex % count, count);

    List<String> ordered = share.order(candidates);

    assertThat(ordered).containsExactlyInAnyOrderElementsOf(candidates);
    int owned = (int) candidates.stream().filter(share::owns).count();
    assertThat(ordered.subList(0, owned)).allMatch(share::owns);
    assertThat(ordered.subList(owned, ordered.size())).noneMatch(share::owns);
    assertThat(ordered.subList(0, owned))
        .containsExactlyElementsOf(candidates.stream().filter(share::owns).toList());
    assertThat(ordered.subList(owned, ordered.size()))
        .containsExactlyElementsOf(candidates.stream().filter(g -> !share.owns(g)).toList());
  }

  @Property
  void the_shares_of_a_pool_split_the_candidates_into_disjoint_parts(
      @ForAll @Size(max = 300) @UniqueElements List<@IntRange(min = 0, max = 99_999) Integer> ids,
      @ForAll @IntRange(min = 1, max = 40) int count) {
    List<String> candidates = gsrns(ids);
    Set<String> seen = new HashSet<>();
    for (int index = 0; index < count; index++) {
      SyncStateDao.Share share = new SyncStateDao.Share(index, count);
      for (String gsrn : candidates) {
        if (share.owns(gsrn)) {
          assertThat(seen.add(gsrn)).as("owned by two shares: " + gsrn).isTrue();
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(candidates);
  }

  @Property
  void a_fair_part_is_the_limit_while_the_window_is_full_else_an_even_split_never_zero(
      @ForAll @IntRange(min = 1, max = 1_000) int limit,
      @ForAll @IntRange(min = 1, max = 256) int count,
      @ForAll @IntRange(min = 1, max = 300_000) int candidates) {
    SyncStateDao.Share share = new SyncStateDao.Share(0, count);
    int window = limit * Math.max(8, count);

    int part = share.fairPart(limit, candidates, window);

    assertThat(part).isBetween(1, limit);
    if (candidates >= window) {
      assertThat(part).isEqualTo(limit);
    } else {
      assertThat((long) part * count).isGreaterThanOrEqualTo(Math.min(candidates, limit));
      assertThat(part).isLessThanOrEqualTo((candidates + count - 1) / count);
    }
  }

  @Test
  void a_lone_claimer_keeps_the_exact_claim_order() {
    List<String> candidates = gsrns(List.of(5, 3, 9, 1, 7));
    assertThat(SyncStateDao.Share.ALONE.order(candidates)).containsExactlyElementsOf(candidates);
  }

  @Test
  void a_share_outside_its_pool_is_refused_naming_the_share() {
    assertThatThrownBy(() -> new SyncStateDao.Share(2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share")
        .hasMessageContaining("2 of 2");
    assertThatThrownBy(() -> new SyncStateDao.Share(-1, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share");
    assertThatThrownBy(() -> new SyncStateDao.Share(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share");
  }

  private static List<String> gsrns(List<Integer> ids) {
    List<String> gsrns = new ArrayList<>(ids.size());
    for (int id : ids) {
      gsrns.add(String.format("70705700%010d", id));
    }
    return gsrns;
  }
}
