package io.chronos.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void exponential_delays_grow_by_the_multiplier_up_to_the_cap() {
    RetryPolicy policy =
        RetryPolicy.maxAttempts(6)
            .exponential(Duration.ofSeconds(2), 3.0)
            .maxDelay(Duration.ofSeconds(30))
            .thenDeadLetter();
    assertThat(policy.baseDelay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.baseDelay(3)).isEqualTo(Duration.ofSeconds(6));
    assertThat(policy.baseDelay(4)).isEqualTo(Duration.ofSeconds(18));
    assertThat(policy.baseDelay(5)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitter_stays_within_its_fraction() {
    RetryPolicy policy =
        RetryPolicy.maxAttempts(3).fixed(Duration.ofSeconds(10)).jitter(0.2).thenDeadLetter();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 1000; i++) {
      assertThat(policy.delay(2, random)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
    }
  }

  @Test
  void retry_on_and_abort_on_select_categories() {
    RetryPolicy only =
        RetryPolicy.maxAttempts(3).noBackoff().retryOn(FailureCategory.TIMEOUT).thenDeadLetter();
    assertThat(only.retries(FailureCategory.TIMEOUT)).isTrue();
    assertThat(only.retries(FailureCategory.HTTP_4XX)).isFalse();
    RetryPolicy except =
        RetryPolicy.maxAttempts(3).noBackoff().abortOn(FailureCategory.HTTP_4XX).thenDeadLetter();
    assertThat(except.retries(FailureCategory.HTTP_5XX)).isTrue();
    assertThat(except.retries(FailureCategory.HTTP_4XX)).isFalse();
  }

  @Test
  void invalid_values_and_combinations_are_refused_at_build_time() {
    assertThatThrownBy(() -> RetryPolicy.maxAttempts(0))
        .hasMessageContaining("maxAttempts must be between 1 and 100, was 0");
    assertThatThrownBy(() -> RetryPolicy.maxAttempts(3).fixed(Duration.ZERO))
        .hasMessageContaining("delay must be between");
    assertThatThrownBy(() -> RetryPolicy.maxAttempts(3).exponential(Duration.ofSeconds(1), 0.5))
        .hasMessageContaining("multiplier");
    assertThatThrownBy(
            () ->
                RetryPolicy.maxAttempts(3)
                    .exponential(Duration.ofSeconds(10), 2)
                    .maxDelay(Duration.ofSeconds(5)))
        .hasMessageContaining("shorter than the initial delay");
    assertThatThrownBy(() -> RetryPolicy.maxAttempts(3).noBackoff().jitter(1.5))
        .hasMessageContaining("jitter");
    assertThatThrownBy(
            () ->
                RetryPolicy.maxAttempts(3)
                    .noBackoff()
                    .retryOn(FailureCategory.TIMEOUT)
                    .abortOn(FailureCategory.TIMEOUT)
                    .thenDeadLetter())
        .hasMessageContaining("both retried and aborted");
    assertThatThrownBy(
            () -> RetryPolicy.maxAttempts(1).fixed(Duration.ofSeconds(1)).thenDeadLetter())
        .hasMessageContaining("never retries");
  }

  @Test
  void a_stored_policy_rebuilds_equal() {
    RetryPolicy policy =
        RetryPolicy.maxAttempts(4)
            .exponential(Duration.ofMillis(500), 1.5)
            .maxDelay(Duration.ofMinutes(2))
            .jitter(0.1)
            .abortOn(FailureCategory.HTTP_4XX)
            .thenDeadLetter();
    RetryPolicy rebuilt =
        RetryPolicy.of(
            policy.maxAttempts(),
            policy.backoff(),
            policy.initialDelay(),
            policy.multiplier(),
            policy.maxDelay(),
            policy.jitter(),
            policy.retryOn(),
            policy.abortOn());
    assertThat(rebuilt).isEqualTo(policy).hasSameHashCodeAs(policy);
  }
}
