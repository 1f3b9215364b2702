package org.unmask.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

  static final Path SHIPPED = Path.of("src/main/resources/org/unmask/sim/world");

  @Test
  void shippedCatalogue_hasEveryKindTheSimulatorDrawsFrom() {
    Catalog c = Catalog.load();
    for (String kind : new String[] {"residential", "mobile", "cgnat", "hosting", "vpn", "astrill", "consumer_vpn", "cn", "ru", "kp", "kr",
        "kr_mobile", "jp", "coworking", "office"}) {
      assertThat(c.ranges(kind)).as(kind).isNotEmpty();
    }
    assertThat(c.ranges("kp")).singleElement().satisfies(r -> {
      assertThat(NetRange.text(r.start())).isEqualTo("175.45.176.0");
      assertThat(NetRange.text(r.end())).isEqualTo("175.45.179.255");
      assertThat(r.asn()).isEqualTo(131279);
    });
    assertThat(c.ranges("residential")).allSatisfy(r -> assertThat(r.country()).isEqualTo("US"));
    assertThat(c.ranges("cn")).allSatisfy(r -> assertThat(r.country()).isEqualTo("CN"));
    SplittableRandom random = new SplittableRandom(1);
    for (String kind : new String[] {"keyboard", "mouse", "webcam", "headset", "dock", "key"}) {
      Catalog.Usb u = c.usb(kind, random);
      assertThat(u.vid()).matches("[0-9a-f]{4}");
      assertThat(u.pid()).matches("[0-9a-f]{4}");
    }
    assertThat(c.usb("keyboard", "413c", random).manufacturer()).isEqualTo("Dell");
    assertThat(c.monitor(random).pnp()).matches("[A-Z]{3}");
  }

  @Test
  void randomIp_staysInsideTheRange() {
    NetRange r = new NetRange("x", NetRange.parse("10.0.0.0"), NetRange.parse("10.0.3.255"), 1, "x", "US");
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      long ip = NetRange.parse(r.randomIp(random));
      assertThat(ip).isBetween(r.start(), r.end());
      assertThat(ip & 255).isNotIn(0L, 255L);
    }
  }

  @Test
  void generator_reproducesTheShippedCatalogue_fromTheSharedCorpus(@TempDir Path out) throws IOException {
    String shared = System.getProperty("unmask.shared");
    assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "data/geoip/asn")), "shared corpus not present");
    ReferenceResourceGenerator.main(new String[] {shared, out.toString()});
    for (String name : new String[] {"networks.csv", "usb-devices.csv", "monitors.csv"}) {
      assertThat(Files.readString(out.resolve(name))).as(name).isEqualTo(Files.readString(SHIPPED.resolve(name)));
    }
  }
}
