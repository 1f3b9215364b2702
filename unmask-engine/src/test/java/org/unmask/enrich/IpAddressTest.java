package org.unmask.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest
  @CsvSource({
    "8.8.8.8, 8.8.8.8",
    "' 10.0.0.1 ', 10.0.0.1",
    "255.255.255.255, 255.255.255.255",
    "2001:4860:4860::8888, 2001:4860:4860:0:0:0:0:8888",
    "::1, 0:0:0:0:0:0:0:1",
    "::, 0:0:0:0:0:0:0:0",
    "fe80::1%eth0, fe80:0:0:0:0:0:0:1",
    "[2001:db8::1], 2001:db8:0:0:0:0:0:1",
    "::ffff:175.45.176.1, 175.45.176.1",
    "64:ff9b::1.2.3.4, 64:ff9b:0:0:0:0:102:304",
    "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
    "1::, 1:0:0:0:0:0:0:0",
  })
  void parse_acceptsLiteralAddresses(String text, String canonical) {
    assertThat(IpAddress.parse(text)).hasToString(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "1..2.3",
      "1:2:3:4:5:6:7:8:9", "1:::2", "::1::", "12345::", ":1::", "1:2:3:4:5:6:7:", "g::1",
      "1.2.3.4/24", "1.2.3.4:443", "0x7f.0.0.1", "' OR 1=1 --", "1111.1.1.1", "::ffff:1.2.3"})
  void parse_returnsNull_forAnythingElse(String text) {
    assertThat(IpAddress.parse(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "10.1.2.3/8, 10.0.0.0, 10.255.255.255",
    "175.45.176.0/22, 175.45.176.0, 175.45.179.255",
    "0.0.0.0/0, 0.0.0.0, 255.255.255.255",
    "2001:db8::/32, 2001:db8:0:0:0:0:0:0, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
    "2001:db8::1/128, 2001:db8:0:0:0:0:0:1, 2001:db8:0:0:0:0:0:1",
    "2001:db8::/72, 2001:db8:0:0:0:0:0:0, 2001:db8:0:0:ff:ffff:ffff:ffff",
    "1.2.3.4-1.2.3.9, 1.2.3.4, 1.2.3.9",
    "9.9.9.9, 9.9.9.9, 9.9.9.9",
  })
  void parseBlock_givesFirstAndLastAddress(String block, String first, String last) {
    IpAddress[] range = IpAddress.parseBlock(block);
    assertThat(range[0]).hasToString(first);
    assertThat(range[1]).hasToString(last);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "::/129", "1.2.3.9-1.2.3.4", "1.2.3.4-::1", "x/8"})
  void parseBlock_returnsNull_forMalformedBlocks(String block) {
    assertThat(IpAddress.parseBlock(block)).isNull();
  }
}
