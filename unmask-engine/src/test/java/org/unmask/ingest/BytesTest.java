package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BytesTest {

  @Test
  void indexOfNewline_findsTheFirstNewline_atEveryAlignment() {
    for (int len = 0; len < 40; len++) {
      for (int at = 0; at < len; at++) {
        byte[] b = "x".repeat(len).getBytes(StandardCharsets.US_ASCII);
        b[at] = '\n';
        if (at + 3 < len) {
          b[at + 3] = '\n';
        }
        for (int from = 0; from <= at; from++) {
          assertThat(Bytes.indexOfNewline(b, from, len)).isEqualTo(at);
        }
        assertThat(Bytes.indexOfNewline(b, 0, at)).isEqualTo(-1);
      }
    }
    byte[] tricky = {0x0B, 0x0B, 0x0A + (byte) 0x80, 0x09, 0x0B, 0x0B, 0x0B, 0x0B, 0x0A};
    assertThat(Bytes.indexOfNewline(tricky, 0, tricky.length)).isEqualTo(8);
  }

  @Test
  void skipAscii_stopsAtTheFirstHighByte() {
    byte[] b = "abcdefghijklmnopé".getBytes(StandardCharsets.UTF_8);
    assertThat(Bytes.skipAscii(b, 0, b.length)).isEqualTo(16);
    assertThat(Bytes.skipAscii(b, 3, 10)).isEqualTo(10);
  }
}
