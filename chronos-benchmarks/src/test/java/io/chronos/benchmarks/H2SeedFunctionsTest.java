package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class H2SeedFunctionsTest {
  @Test
  void hash01_is_uniform_in_zero_to_one_for_every_salt() {
    int n = 200_000;
    for (long salt = 1; salt <= 9; salt++) {
      int[] buckets = new int[20];
      double sum = 0;
      for (long i = 0; i < n; i++) {
        double u = H2SeedFunctions.hash01(i, salt);
        assertThat(u).isGreaterThanOrEqualTo(0).isLessThan(1);
        buckets[(int) (u * 20)]++;
        sum += u;
      }
      assertThat(sum / n).isCloseTo(0.5, within(0.005));
      for (int b : buckets) {
        assertThat(b).isBetween(n / 20 - 600, n / 20 + 600);
      }
    }
  }

  @Test
  void salts_give_independent_streams() {
    int n = 200_000;
    double both = 0;
    for (long i = 0; i < n; i++) {
      if (H2SeedFunctions.hash01(i, 4) < 0.1 && H2SeedFunctions.hash01(i, 5) < 0.1) {
        both++;
      }
    }
    assertThat(both / n).isCloseTo(0.01, within(0.001));
  }

  @Test
  void ulid_is_the_java_encoding() {
    assertThat(H2SeedFunctions.ulid(1_790_000_123_456L, 42))
        .isEqualTo(HistoryUlid.encode(1_790_000_123_456L, 42));
  }
}
