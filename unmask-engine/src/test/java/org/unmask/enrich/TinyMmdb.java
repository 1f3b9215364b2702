package org.unmask.enrich;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the smallest valid MaxMind DB (format 2.0): an IPv4 tree of one node whose two records
 * both point at one data record, so every IPv4 address answers with that record. Enough to test
 * how Unmask reads vendor record shapes (GeoIP2 City, ASN) without shipping a vendor file.
 */
final class TinyMmdb {

  private TinyMmdb() {}

  static byte[] everyIpv4Answers(Map<String, Object> record, String databaseType) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    encode(record, data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int nodeCount = 1;
    int pointer = nodeCount + 16; // data offset 0, past the 16-byte separator
    for (int side = 0; side < 2; side++) { // 24-bit records
      out.write(pointer >>> 16);
      out.write(pointer >>> 8);
      out.write(pointer);
    }
    out.writeBytes(new byte[16]);
    out.writeBytes(data.toByteArray());
    out.writeBytes(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
    out.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
    encode(Map.of("node_count", (long) nodeCount, "record_size", 24, "ip_version", 4,
        "database_type", databaseType, "languages", List.of("en"), "binary_format_major_version", 2,
        "binary_format_minor_version", 0, "build_epoch", BigInteger.valueOf(1_700_000_000L),
        "description", Map.of("en", "test")), out);
    return out.toByteArray();
  }

  private static void encode(Object value, ByteArrayOutputStream out) {
    if (value instanceof String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      control(2, bytes.length, out);
      out.writeBytes(bytes);
    } else if (value instanceof Double d) {
      control(3, 8, out);
      long bits = Double.doubleToLongBits(d);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (bits >>> (8 * i)));
      }
    } else if (value instanceof Integer i) { // uint16
      unsigned(5, i, out);
    } else if (value instanceof Long l) { // uint32
      unsigned(6, l, out);
    } else if (value instanceof BigInteger b) { // uint64
      unsigned(9, b.longValueExact(), out);
    } else if (value instanceof Map<?, ?> map) {
      control(7, map.size(), out);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        encode(e.getKey(), out);
        encode(e.getValue(), out);
      }
    } else if (value instanceof List<?> list) {
      control(11, list.size(), out);
      for (Object o : list) {
        encode(o, out);
      }
    } else {
      throw new IllegalArgumentException("unsupported: " + value);
    }
  }

  /** Minimal big-endian bytes of an unsigned number. */
  private static void unsigned(int type, long value, ByteArrayOutputStream out) {
    int n = value == 0 ? 0 : (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
    control(type, n, out);
    for (int i = n - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  private static void control(int type, int size, ByteArrayOutputStream out) {
    if (size >= 29 + 256) {
      throw new IllegalArgumentException("sizes above 284 are not needed here");
    }
    int sizeBits = Math.min(size, 29);
    if (type <= 7) {
      out.write(type << 5 | sizeBits);
    } else { // extended type: type bits 0, then type - 7 in the next byte
      out.write(sizeBits);
      out.write(type - 7);
    }
    if (size >= 29) {
      out.write(size - 29);
    }
  }
}
