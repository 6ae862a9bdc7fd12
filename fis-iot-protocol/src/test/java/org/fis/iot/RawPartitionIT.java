package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.fis.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Month partitions of the raw rows start and end at UTC month starts whatever the session's time
 * zone, so consecutive months tile time without gaps or overlaps across daylight-saving changes.
 */
class RawPartitionIT {
  @ParameterizedTest
  @ValueSource(strings = {"Europe/Zagreb", "Pacific/Chatham", "America/New_York", "UTC"})
  void months_around_daylight_saving_changes_tile_time_in_every_session_zone(String zone) {
    try (TestDatabase db = TestDatabase.create(IotMigrations::migrate)) {
      db.jdbi()
          .useHandle(
              h -> {
                h.execute("SET TIME ZONE '" + zone + "'");
                List<String> months =
                    List.of(
                        "2024-02-15T00:00:00Z",
                        "2024-03-15T00:00:00Z",
                        "2024-04-15T00:00:00Z",
                        "2024-09-15T00:00:00Z",
                        "2024-10-15T00:00:00Z",
                        "2024-11-15T00:00:00Z");
                for (String month : months) {
                  h.createQuery("SELECT fis_iot.ensure_raw_partition(CAST(:t AS timestamptz))")
                      .bind("t", month)
                      .mapTo(String.class)
                      .one();
                }
                assertThat(bounds(h))
                    .containsExactly(
                        "raw_measurement_2024m02 2024-02-01T00:00:00Z 2024-03-01T00:00:00Z",
                        "raw_measurement_2024m03 2024-03-01T00:00:00Z 2024-04-01T00:00:00Z",
                        "raw_measurement_2024m04 2024-04-01T00:00:00Z 2024-05-01T00:00:00Z",
                        "raw_measurement_2024m09 2024-09-01T00:00:00Z 2024-10-01T00:00:00Z",
                        "raw_measurement_2024m10 2024-10-01T00:00:00Z 2024-11-01T00:00:00Z",
                        "raw_measurement_2024m11 2024-11-01T00:00:00Z 2024-12-01T00:00:00Z");
                // The last hour of March and of October (UTC) have a partition.
                for (String at : List.of("2024-03-31T23:30:00Z", "2024-10-31T23:30:00Z")) {
                  h.createUpdate(
                          "INSERT INTO fis_iot.raw_measurement (meter_id, reading_time, layout_id,"
                              + " values_milli, device_id, received_at) VALUES ('m',"
                              + " CAST(:t AS timestamptz), 1, '{1}', 'd', now())")
                      .bind("t", at)
                      .execute();
                }
              });
    }
  }

  /** Each partition's name and bounds as UTC instants, in name order. */
  private static List<String> bounds(Handle h) {
    return h.createQuery(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN"
                + " pg_class c ON c.oid = i.inhrelid WHERE i.inhparent ="
                + " 'fis_iot.raw_measurement'::regclass ORDER BY c.relname")
        .map(
            (rs, ctx) -> {
              // FOR VALUES FROM ('2024-03-01 01:00:00+01') TO ('2024-04-01 02:00:00+02')
              String bound = rs.getString("bound");
              String[] parts = bound.split("'");
              return rs.getString("relname") + " " + utc(h, parts[1]) + " " + utc(h, parts[3]);
            })
        .list();
  }

  private static Instant utc(Handle h, String timestamptz) {
    return h.createQuery("SELECT CAST(:t AS timestamptz)")
        .bind("t", timestamptz)
        .mapTo(java.time.OffsetDateTime.class)
        .one()
        .toInstant();
  }
}
