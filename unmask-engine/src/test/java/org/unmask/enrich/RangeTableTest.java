package org.unmask.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeTableTest {

  private static int lookup(RangeTable t, String ip) {
    return t.lookup(IpAddress.parse(ip), -1);
  }

  @Test
  void lookup_findsTheRangeHoldingTheAddress_andNothingOutside() {
    RangeTable.Builder b = new RangeTable.Builder();
    b.add("10.0.0.0/8", 1);
    b.add("192.168.1.0/24", 2);
    b.add("2001:db8::/32", 3);
    RangeTable t = b.build();
    assertThat(lookup(t, "10.200.3.4")).isEqualTo(1);
    assertThat(lookup(t, "192.168.1.255")).isEqualTo(2);
    assertThat(lookup(t, "192.168.2.0")).isEqualTo(-1);
    assertThat(lookup(t, "9.255.255.255")).isEqualTo(-1);
    assertThat(lookup(t, "2001:db8:ffff::1")).isEqualTo(3);
    assertThat(lookup(t, "2001:db9::")).isEqualTo(-1);
    assertThat(lookup(t, "255.255.255.255")).isEqualTo(-1);
  }

  @Test
  void build_letsTheFirstAddedRangeWinOverlaps_andJoinsEqualNeighbours() {
    RangeTable.Builder b = new RangeTable.Builder();
    b.add("175.45.176.0/22", 2);
    b.add("175.45.176.0/24", 1); // inside the first: dropped
    b.add("175.45.178.0/23", 1); // overlaps the tail of the first
    b.add("175.45.180.0/24", 1); // touches the previous: joined
    b.add("200.0.0.0/24", 5);
    b.add("200.0.0.128/24", 5); // same block again
    RangeTable t = b.build();
    assertThat(lookup(t, "175.45.176.5")).isEqualTo(2);
    assertThat(lookup(t, "175.45.179.255")).isEqualTo(2);
    assertThat(lookup(t, "175.45.180.7")).isEqualTo(1);
    assertThat(lookup(t, "200.0.0.200")).isEqualTo(5);
    assertThat(t.size()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void writeThenRead_answersEveryLookupTheSame(long seed) throws IOException {
    Random random = new Random(seed);
    RangeTable.Builder b = new RangeTable.Builder();
    for (int i = 0; i < 2000; i++) {
      int prefix = 8 + random.nextInt(25);
      String v4 = (random.nextInt(223) + 1) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
          + random.nextInt(256) + "/" + prefix;
      b.add(v4, random.nextInt(400_000));
      String v6 = String.format("%x:%x:%x::%x/%d", 0x2000 + random.nextInt(0x1000), random.nextInt(0x10000),
          random.nextInt(0x10000), random.nextInt(0x10000), 16 + random.nextInt(113));
      b.add(v6, random.nextInt(400_000));
    }
    RangeTable original = b.build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.write(new DataOutputStream(bytes));
    RangeTable copy = RangeTable.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(copy.size()).isEqualTo(original.size());
    for (int i = 0; i < 20_000; i++) {
      IpAddress a = random.nextBoolean()
          ? new IpAddress(0, random.nextInt() & 0xffffffffL, true)
          : new IpAddress((0x2000L + random.nextInt(0x1000)) << 48 | (random.nextLong() >>> 16), random.nextLong(), false);
      assertThat(copy.lookup(a, -1)).as("%s", a).isEqualTo(original.lookup(a, -1));
    }
  }
}
