package org.unmask.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Names for hardware identifiers: USB vendor and product by VID:PID (the linux-usb.org usb.ids
 * database) and monitor manufacturers by their 3-letter EDID/PNP code (hwdata's pnp.ids).
 *
 * <p>A name that disagrees with the id is itself a signal: a "Dell keyboard" whose VID:PID is the
 * Linux Foundation's gadget id 1d6b:0104 is an IP-KVM (THREAT.md S1-S5).
 */
public final class HardwareIds {

  static final String USB_RESOURCE = "usb-ids.tsv.gz";
  static final String PNP_RESOURCE = "pnp-ids.tsv.gz";

  private static volatile HardwareIds shipped;

  private final Map<String, String> usb; // "1d6b" → vendor, "1d6b:0104" → product
  private final Map<String, String> pnp; // "LNX" → manufacturer

  HardwareIds(Map<String, String> usb, Map<String, String> pnp) {
    this.usb = usb;
    this.pnp = pnp;
  }

  /** The databases shipped in the jar, loaded on first use. */
  public static HardwareIds shipped() {
    HardwareIds result = shipped;
    if (result == null) {
      synchronized (HardwareIds.class) {
        result = shipped;
        if (result == null) {
          result = new HardwareIds(readTsv(USB_RESOURCE), readTsv(PNP_RESOURCE));
          shipped = result;
        }
      }
    }
    return result;
  }

  private static Map<String, String> readTsv(String resource) {
    Map<String, String> map = new HashMap<>(32_768);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(IpIntel.resource(resource)), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          map.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped hardware id table " + resource, e);
    }
    return map;
  }

  /** The USB vendor's name for a vendor id such as {@code 1d6b} or {@code 0x1D6B}. */
  public Optional<String> usbVendor(String vendorId) {
    String vid = hex4(vendorId);
    return vid == null ? Optional.empty() : Optional.ofNullable(usb.get(vid));
  }

  /** The product's name for a vendor and product id pair such as {@code 1d6b}, {@code 0104}. */
  public Optional<String> usbProduct(String vendorId, String productId) {
    String vid = hex4(vendorId);
    String pid = hex4(productId);
    return vid == null || pid == null ? Optional.empty() : Optional.ofNullable(usb.get(vid + ":" + pid));
  }

  /** The manufacturer behind a 3-letter EDID/PNP id such as {@code DEL} or {@code LNX}. */
  public Optional<String> displayManufacturer(String pnpId) {
    if (pnpId == null) {
      return Optional.empty();
    }
    String id = pnpId.strip().toUpperCase(Locale.ROOT);
    return id.length() != 3 ? Optional.empty() : Optional.ofNullable(pnp.get(id));
  }

  /** Normalises {@code 0x1D6B}, {@code 1D6B}, {@code 1d6b} and {@code d6b} to {@code 1d6b}; null if not hex. */
  static String hex4(String id) {
    if (id == null) {
      return null;
    }
    String s = id.strip().toLowerCase(Locale.ROOT);
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    if (s.isEmpty() || s.length() > 4) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return null;
      }
    }
    return "0".repeat(4 - s.length()) + s;
  }
}
