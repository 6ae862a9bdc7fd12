package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MeterModelsTest {
  @Test
  void the_built_in_models_have_the_reference_registers_and_units() {
    MeterModels models = MeterModels.builtIn();
    MeterModel abb = models.model(MeterModels.ABB_B2X).orElseThrow();
    MeterModel schneider = models.model(MeterModels.SCHNEIDER_IEM3XXX).orElseThrow();

    assertThat(abb.registers()).hasSize(30);
    assertThat(schneider.registers()).hasSize(20);
    assertThat(abb.register("ActiveEnergyTotalImportT1_Wh").orElseThrow())
        .extracting(
            Register::quantity,
            Register::phase,
            Register::direction,
            Register::tariff,
            Register::unit)
        .containsExactly(Quantity.ACTIVE_ENERGY, Phase.TOTAL, Direction.IMPORT, Tariff.T1, "Wh");
    assertThat(abb.register("VoltageL1AnyT0_V").orElseThrow().source()).contains("0x5B00");
    assertThat(schneider.register("ApparentPowerTotalNetT0_VA").orElseThrow().kind())
        .isEqualTo(RegisterKind.INSTANTANEOUS);
    assertThat(schneider.register("ActiveEnergyL1ExportT0_Wh")).isEmpty();
  }

  @Test
  void a_new_meter_type_is_configuration_not_code() {
    String json =
        "{\"model\":\"acme-x1\",\"registers\":[{\"name\":\"1-0:1.8.0\",\"quantity\":\"ACTIVE_ENERGY\","
            + "\"phase\":\"TOTAL\",\"direction\":\"IMPORT\",\"tariff\":\"T0\",\"unit\":\"MWh\"}]}";

    MeterModels models = MeterModels.empty().with(MeterModel.fromJson(json));

    Register register = models.model("acme-x1").orElseThrow().register("1-0:1.8.0").orElseThrow();
    assertThat(register.milliFactor()).isEqualByComparingTo(new BigDecimal("1000000000"));
    assertThat(
            MeterModels.builtIn()
                .model(MeterModels.OBIS_GENERIC)
                .orElseThrow()
                .register("1-0:1.8.0")
                .orElseThrow()
                .unit())
        .isEqualTo("kWh");
  }

  @Test
  void an_invalid_model_definition_names_the_field() {
    assertThatThrownBy(
            () -> MeterModel.fromJson("{\"model\":\"m\",\"registers\":[{\"name\":\"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registers[0]")
        .hasMessageContaining("quantity");
    assertThatThrownBy(
            () ->
                new Register(
                    "E", Quantity.ACTIVE_ENERGY, Phase.TOTAL, Direction.IMPORT, Tariff.T0, "V", ""))
        .hasMessageContaining("unit");
  }
}
