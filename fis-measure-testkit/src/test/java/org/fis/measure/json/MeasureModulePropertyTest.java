package org.fis.measure.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fis.measure.TariffMeasure;

/**
 * The JSON round trip of every tariff measure shape (moved from fis-measure-math's {@code
 * MeasureModuleTest} with the generators; the measures come from the kit's default provider).
 */
class MeasureModulePropertyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new MeasureModule());

  @Property(tries = 200)
  void every_tariff_measure_round_trips(@ForAll TariffMeasure measure)
      throws JsonProcessingException {
    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(measure), TariffMeasure.class))
        .isEqualTo(measure);
  }
}
