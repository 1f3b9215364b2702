package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @Test
  void rfc3339_agreesWithJavaTime_onRandomInstantsAndOffsets() {
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 10_000_000_000L), random.nextInt(1_000_000_000));
      int offsetMinutes = (random.nextInt(18 * 60 * 2) - 18 * 60) / 15 * 15;
      String text = OffsetDateTime.ofInstant(t, java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toString();
      if (text.length() > 16 && text.charAt(16) != ':') {
        continue; // java.time omits ":00" seconds; RFC 3339 requires them
      }
      assertThat(Timestamps.rfc3339(text)).as(text).isEqualTo(t);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-05-04T14:00:00", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
      "2026-05-04T24:00:00Z", "2026-05-04T14:60:00Z", "2026-05-04T14:00:00.Z", "2026-05-04T14:00:00+5:00",
      "2026-05-04T14:00:00Z ", "2026-05-04X14:00:00Z", "+2026-05-04T14:00:00Z"})
  void rfc3339_rejects(String text) {
    assertThat(Timestamps.rfc3339(text)).isNull();
  }

  @Test
  void lenient_readsVendorTimesWithoutOffset_asUtc() {
    assertThat(Timestamps.lenient("2022-03-22 14:21:53.225")).isEqualTo(Instant.parse("2022-03-22T14:21:53.225Z"));
    assertThat(Timestamps.lenient("2024-02-29T23:59:59.9999999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999999900Z"));
    assertThat(Timestamps.rfc3339("2022-03-22 14:21:53.225")).isNull();
  }

  @Test
  void dateOrTime_readsADateAsStartOfDayUtc() {
    assertThat(Timestamps.dateOrTime("2025-01-02")).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
    assertThat(Timestamps.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(Timestamps.date("2023-02-29")).isNull();
  }
}
