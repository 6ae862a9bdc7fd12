package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobProcessorConfigTest {
  @Test
  void defaults_are_valid_and_named_by_constants() {
    JobProcessorConfig config = JobProcessorConfig.defaults();
    assertThat(config.threads()).isEqualTo(JobProcessorConfig.THREADS_DEFAULT);
    assertThat(config.lease().duration()).isEqualTo(JobProcessorConfig.LEASE_DURATION_DEFAULT);
    assertThat(config.lease().heartbeatInterval()).isLessThan(config.lease().duration());
    assertThat(config.workerId()).isNull();
  }

  @Test
  void with_methods_change_only_their_field() {
    JobProcessorConfig config =
        JobProcessorConfig.defaults()
            .withThreads(7)
            .withPollInterval(Duration.ofMillis(20))
            .withClaimBatchSize(33)
            .withTransactionBatchSize(5)
            .withAttemptsMax(9)
            .withBackoff(Duration.ofSeconds(2), Duration.ofMinutes(3))
            .withShutdownGrace(Duration.ZERO)
            .withArchive(Duration.ofSeconds(4), Duration.ofHours(1))
            .withArchiveBatchSize(77)
            .withWorkerId("w");
    assertThat(config)
        .isEqualTo(
            new JobProcessorConfig(
                7,
                Duration.ofMillis(20),
                new JobProcessorConfig.Claim(33, 5),
                new JobProcessorConfig.Lease(
                    JobProcessorConfig.LEASE_DURATION_DEFAULT,
                    JobProcessorConfig.HEARTBEAT_INTERVAL_DEFAULT,
                    JobProcessorConfig.JOB_TIMEOUT_DEFAULT),
                new JobProcessorConfig.Retry(9, Duration.ofSeconds(2), Duration.ofMinutes(3)),
                new JobProcessorConfig.Archive(
                    Duration.ofSeconds(4),
                    Duration.ofHours(1),
                    77,
                    JobProcessorConfig.ARCHIVE_PURGE_AFTER_DEFAULT),
                Duration.ZERO,
                "w",
                false));
  }

  @Test
  void changing_the_lease_keeps_the_heartbeat_a_third_of_it_or_off() {
    assertThat(
            JobProcessorConfig.defaults()
                .withLeaseDuration(Duration.ofSeconds(9))
                .lease()
                .heartbeatInterval())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(
            JobProcessorConfig.defaults()
                .withHeartbeatInterval(Duration.ZERO)
                .withLeaseDuration(Duration.ofSeconds(9))
                .lease()
                .heartbeatInterval())
        .isZero();
  }

  @Test
  void invalid_values_are_rejected_naming_the_field() {
    JobProcessorConfig d = JobProcessorConfig.defaults();
    assertThatThrownBy(() -> d.withThreads(0)).hasMessageStartingWith("threads");
    assertThatThrownBy(() -> d.withThreads(JobProcessorConfig.THREADS_MAX + 1))
        .hasMessageStartingWith("threads");
    assertThatThrownBy(() -> d.withPollInterval(Duration.ZERO))
        .hasMessageStartingWith("pollInterval");
    assertThatThrownBy(() -> d.withClaimBatchSize(0)).hasMessageStartingWith("claimBatchSize");
    assertThatThrownBy(
            () -> d.withTransactionBatchSize(JobProcessorConfig.TRANSACTION_BATCH_SIZE_MAX + 1))
        .hasMessageStartingWith("transactionBatchSize");
    assertThatThrownBy(() -> d.withLeaseDuration(Duration.ofMillis(99)))
        .hasMessageStartingWith("leaseDuration");
    assertThatThrownBy(() -> d.withHeartbeatInterval(d.lease().duration()))
        .hasMessageStartingWith("heartbeatInterval");
    assertThatThrownBy(() -> d.withHeartbeatInterval(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("heartbeatInterval");
    assertThatThrownBy(() -> d.withAttemptsMax(0)).hasMessageStartingWith("attemptsMax");
    assertThatThrownBy(() -> d.withArchivePurgeAfter(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("archivePurgeAfter");
    assertThatThrownBy(() -> d.withJobTimeout(Duration.ofMillis(50)))
        .hasMessageStartingWith("jobTimeout");
    assertThatThrownBy(() -> d.withJobTimeout(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("jobTimeout");
    assertThat(d.withJobTimeout(Duration.ofMinutes(5)).lease().jobTimeout())
        .isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> d.withBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageStartingWith("backoffBase");
    assertThatThrownBy(() -> d.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageStartingWith("backoffMax");
    assertThatThrownBy(() -> d.withShutdownGrace(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("shutdownGrace");
    assertThatThrownBy(() -> d.withArchive(Duration.ofSeconds(-1), Duration.ZERO))
        .hasMessageStartingWith("archiveInterval");
    assertThatThrownBy(() -> d.withArchive(Duration.ZERO, Duration.ofSeconds(-1)))
        .hasMessageStartingWith("archiveRetention");
    assertThatThrownBy(() -> d.withArchiveBatchSize(0)).hasMessageStartingWith("archiveBatchSize");
    assertThatThrownBy(() -> d.withWorkerId(" ")).hasMessageStartingWith("workerId");
    assertThatThrownBy(() -> d.withPollInterval(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("pollInterval");
  }
}
