package io.chronos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.f4b6a3.ulid.Ulid;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistoryUlidTest {
  @Test
  void encodes_time_and_sequence_the_way_ulid_creator_reads_them() {
    long ms = 1_790_000_123_456L;
    String key = HistoryUlid.encode(ms, 514_999_999L);
    assertThat(key).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
    Ulid parsed = Ulid.from(key);
    assertThat(parsed.getTime()).isEqualTo(ms);
    assertThat(parsed.getLeastSignificantBits()).isEqualTo(514_999_999L);
    assertThat(parsed.toString()).isEqualTo(key);
  }

  @Test
  void edges() {
    assertThat(HistoryUlid.encode(0, 0)).isEqualTo("00000000000000000000000000");
    assertThat(HistoryUlid.encode(HistoryUlid.MAX_MS, HistoryUlid.MAX_SEQ))
        .isEqualTo("7ZZZZZZZZZ00000000ZZZZZZZZ");
    assertThatThrownBy(() -> HistoryUlid.encode(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistoryUlid.encode(0, HistoryUlid.MAX_SEQ + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void string_order_is_time_order_then_sequence_order() {
    Random random = new Random(1);
    List<long[]> pairs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      pairs.add(
          new long[] {
            1_700_000_000_000L + random.nextInt(1_000_000), random.nextInt(1 << 30) * 512L
          });
    }
    for (int i = 1; i < pairs.size(); i++) {
      long[] a = pairs.get(i - 1);
      long[] b = pairs.get(i);
      int byNumbers = a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]);
      int byKeys = HistoryUlid.encode(a[0], a[1]).compareTo(HistoryUlid.encode(b[0], b[1]));
      assertThat(Integer.signum(byKeys)).isEqualTo(Integer.signum(byNumbers));
    }
  }

  @Test
  void sql_function_is_one_inlinable_expression_over_the_alphabet() {
    String sql = HistoryUlid.sqlFunction("s");
    assertThat(sql).startsWith("CREATE OR REPLACE FUNCTION s.ulid(ms bigint, seq bigint)");
    assertThat(sql).contains("LANGUAGE sql IMMUTABLE").contains("'00000000'");
    assertThat(sql.split("substr\\(", -1)).hasSize(1 + 18);
  }
}
