package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BusinessIdsTest {
  @Test
  void gsrns_with_a_correct_gs1_check_digit_are_valid() {
    assertThat(BusinessIds.gsrnProblem("707057500012345671")).isNull();
    assertThat(BusinessIds.gsrnProblem("133700000000000053")).isNull();
    assertThat(BusinessIds.gsrnProblem("123456789012345675")).isNull();
  }

  @Test
  void gsrns_with_a_wrong_check_digit_or_shape_are_rejected() {
    assertThat(BusinessIds.gsrnProblem("707057500012345678")).contains("check digit");
    assertThat(BusinessIds.gsrnProblem("07057500012345671")).contains("18 digits");
    assertThat(BusinessIds.gsrnProblem("007057500012345671")).contains("not starting with 0");
    assertThat(BusinessIds.gsrnProblem("70705750001234567a")).isNotNull();
    assertThat(BusinessIds.gsrnProblem(null)).isNotNull();
  }

  @Test
  void glns_are_checked_with_the_gs1_check_digit() {
    assertThat(BusinessIds.glnProblem("7080012345675")).isNull();
    assertThat(BusinessIds.glnProblem("7080087654320")).isNull();
    assertThat(BusinessIds.glnProblem("7080012345678")).contains("check digit");
    assertThat(BusinessIds.glnProblem("1234567890123")).contains("check digit");
    assertThat(BusinessIds.glnProblem("708001234567")).contains("13 digits");
  }

  @Test
  void eic_y_codes_are_checked_with_the_eic_check_character() {
    assertThat(BusinessIds.eicYProblem("10YNO-1--------2")).isNull();
    assertThat(BusinessIds.eicYProblem("50YTESTMGA00001C")).isNull();
    assertThat(BusinessIds.eicYProblem("10Y1001A1001A26R")).isNull();
    assertThat(BusinessIds.eicYProblem("10Y1001A1001A264")).contains("check character");
    assertThat(BusinessIds.eicYProblem("10X1001A1001A38Y")).contains("EIC-Y");
    assertThat(BusinessIds.eicYProblem("10YNO-1--------")).isNotNull();
  }

  @Test
  void end_user_ids_must_match_their_entity_type() {
    assertThat(BusinessIds.endUserProblem("987654325", EntityType.ORGANISATION)).isNull();
    assertThat(BusinessIds.endUserProblem("15019012317", EntityType.PERSON)).isNull();
    assertThat(BusinessIds.endUserProblem("087654325", EntityType.ORGANISATION)).isNotNull();
    assertThat(BusinessIds.endUserProblem("987654325", EntityType.PERSON)).isNotNull();
    assertThat(BusinessIds.entityTypeOf("15019012317")).isEqualTo(EntityType.PERSON);
    assertThat(BusinessIds.entityTypeOf("987654325")).isEqualTo(EntityType.ORGANISATION);
    assertThat(BusinessIds.entityTypeOf("12345")).isNull();
  }

  @Test
  void a_gsrn_value_rejects_a_wrong_check_digit_naming_the_field() {
    assertThat(Gsrn.of("707057500012345671").value()).isEqualTo("707057500012345671");
    assertThatThrownBy(() -> Gsrn.of("707057500012345678"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gsrn");
  }

  @Test
  void the_adapter_config_never_shows_its_key() {
    AdapterConfig config =
        AdapterConfig.defaults(java.net.URI.create("http://localhost:8080"), "s3cret-key");
    assertThat(config.toString()).doesNotContain("s3cret-key").contains("****");
    assertThatThrownBy(() -> config.withAttemptsMax(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attemptsMax");
    assertThatThrownBy(() -> config.withApiKey(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey");
  }

  @Test
  void sync_config_validates_every_value() {
    assertThat(SyncConfig.defaults().workers().batchSize()).isEqualTo(50);
    assertThatThrownBy(() -> SyncConfig.defaults().withBatchSize(0))
        .hasMessageContaining("batchSize");
    assertThatThrownBy(() -> SyncConfig.defaults().withConcurrency(1_000))
        .hasMessageContaining("concurrency");
    assertThatThrownBy(() -> SyncConfig.defaults().withSyncTimeout(java.time.Duration.ZERO))
        .hasMessageContaining("syncTimeout");
  }
}
