package org.fis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.fis.iot.IotConfig;
import org.fis.iot.MeasurementIngest;
import org.fis.iot.MeterModels;
import org.fis.ledger.BalanceTaskQueue;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.junit.jupiter.api.Test;

/** Misuse of the bindings and of the modules' metrics arguments is refused by name. */
class BindingArgumentsTest {
  @Test
  void a_missing_registry_or_tags_is_refused_by_name() {
    assertThatThrownBy(() -> MicrometerSyncMetrics.create(null, Tags.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("registry");
    assertThatThrownBy(() -> MicrometerIngestMetrics.create(new SimpleMeterRegistry(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tags");
    assertThatThrownBy(() -> MicrometerLedgerMetrics.create(null, Tags.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("registry");
    assertThatThrownBy(() -> JobProcessorMetrics.of(null, Tags.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("processor");
  }

  @Test
  void the_modules_refuse_a_null_metrics_sink_and_register_nothing() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    assertThatThrownBy(
            () ->
                Ledger.create(
                    LedgerConfig.defaults(), Clock.systemUTC(), BalanceTaskQueue.none(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("metrics");
    assertThatThrownBy(
            () ->
                new MeasurementIngest(
                    Clock.systemUTC(), IotConfig.defaults(), MeterModels.builtIn(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("metrics");
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void a_new_binding_registers_its_outcome_meters_at_zero() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerLedgerMetrics.create(registry, Tags.empty());

    assertThat(registry.get(MicrometerLedgerMetrics.COMMANDS).counters())
        .hasSize(org.fis.ledger.PostingResult.class.getPermittedSubclasses().length)
        .allSatisfy(counter -> assertThat(counter.count()).isZero());
  }
}
