package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvEncodingTest {

  @Test
  void utf8_withByteOrderMarkAndAccents_isUtf8() throws IOException {
    CsvEncoding.Verdict v = of("\uFEFFperson_id,full_name\nP1,Jos\u00e9 \u00c5sa \u5f20\n".getBytes(StandardCharsets.UTF_8));
    assertThat(v.isUtf8()).isTrue();
    assertThat(v.invalidBytes()).isZero();
  }

  @Test
  void plainAscii_isUtf8() throws IOException {
    assertThat(of("person_id\nP1\n".getBytes(StandardCharsets.US_ASCII)).isUtf8()).isTrue();
  }

  @Test
  void onlyLegacyBytes_isWindows1252_withTheFirstLine() throws IOException {
    CsvEncoding.Verdict v = of("a\nb\nJos\u00e9\nRen\u00e9e\n".getBytes(CsvEncoding.WINDOWS_1252));
    assertThat(v.isLegacy()).isTrue();
    assertThat(v.invalidBytes()).isEqualTo(2);
    assertThat(v.firstInvalidLine()).isEqualTo(3);
  }

  @Test
  void aByteOrderMarkThenLegacyBytes_isWindows1252() throws IOException {
    // Notepad's "UTF-8" marker on a file an older tool then appended Windows-1252 rows to
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("\uFEFFa\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("Jos\u00e9\n".getBytes(CsvEncoding.WINDOWS_1252));
    assertThat(of(b.toByteArray()).isLegacy()).isTrue();
  }

  @Test
  void utf8CharactersAndInvalidBytes_isMixed() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("Jos\u00e9\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("Ren\u00e9e\n".getBytes(CsvEncoding.WINDOWS_1252));
    CsvEncoding.Verdict v = of(b.toByteArray());
    assertThat(v.isMixed()).isTrue();
    assertThat(v.firstInvalidLine()).isEqualTo(2);
  }

  @Test
  void aCharacterAcrossTheReadBuffersEdge_isStillUtf8() throws IOException {
    for (int pad = 64 * 1024 - 4; pad <= 64 * 1024 + 1; pad++) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes("x".repeat(pad).getBytes(StandardCharsets.US_ASCII));
      b.writeBytes("\u20ac\ud83d\ude00\n".getBytes(StandardCharsets.UTF_8)); // 3 and 4 bytes
      assertThat(of(b.toByteArray()).isUtf8()).as("padding %d", pad).isTrue();
    }
  }

  @Test
  void aSequenceCutAtTheEndOfTheFile_isNotUtf8() throws IOException {
    byte[] cut = {'a', '\n', (byte) 0xE2, (byte) 0x82};
    CsvEncoding.Verdict v = of(cut);
    assertThat(v.isLegacy()).isTrue();
    assertThat(v.firstInvalidLine()).isEqualTo(2);
  }

  private static CsvEncoding.Verdict of(byte[] bytes) throws IOException {
    return CsvEncoding.of(new ByteArrayInputStream(bytes));
  }
}
