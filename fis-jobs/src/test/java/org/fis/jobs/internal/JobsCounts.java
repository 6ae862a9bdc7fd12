package org.fis.jobs.internal;

import org.jdbi.v3.core.Jdbi;

final class JobsCounts {
  private JobsCounts() {}

  static long count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
