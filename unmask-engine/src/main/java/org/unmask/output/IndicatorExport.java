package org.unmask.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.unmask.scan.ScanResult;
import org.unmask.verdict.Farm;
import org.unmask.verdict.SharedAttribute;

/**
 * The infrastructure of the laptop farms a scan found, as a STIX 2.1 bundle and as a MISP event,
 * for other tools and other companies: each residential address (or IPv6 home network) and each Wi-Fi access point
 * (BSSID) that tied a farm's people together becomes an {@code indicator}, created by an Unmask
 * {@code identity}. Only infrastructure is shared: people, devices, accounts and payees stay in
 * the scan's own outputs, pseudonymised where the configuration says so.
 *
 * <p>Ids are UUIDv5 of the value, so the same farm address gets the same indicator id in every
 * scan and a receiver deduplicates it; times are the last event's, so a scan writes the same
 * bytes twice. A bundle written here reads back through {@code IndicatorFeeds} (the BSSIDs are
 * reported there as a kind it does not match: no telemetry field holds a neighbour's access point).
 */
public final class IndicatorExport {

  /** The generator leaves the stream open: {@link AtomicFile} forces and closes it. */
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  /** The namespace of Unmask's UUIDv5 ids: fixed, so ids are stable across scans and versions. */
  private static final UUID NAMESPACE = UUID.fromString("6f1c3c5e-52a8-5d8e-9a51-1f6a8b3f7d2c");
  private static final String IDENTITY = "identity--" + uuid5("unmask");

  private IndicatorExport() {}

  /** One piece of farm infrastructure to share: what it is, and the farm it came from in words. */
  private record Shared(SharedAttribute attribute, String name, String description) {}

  /** The farms' infrastructure, each value once (the first farm that shares it describes it). */
  private static Map<String, Shared> infrastructure(ScanResult result) {
    Map<String, Shared> out = new LinkedHashMap<>(); // by STIX pattern
    for (Farm farm : result.farms()) {
      for (SharedAttribute shared : farm.shared()) {
        String pattern = pattern(shared);
        if (pattern != null) {
          out.putIfAbsent(pattern, new Shared(shared, "Laptop farm " + describe(shared),
              "Shared by " + farm.persons().size() + " people of suspected laptop farm " + farm.farmId()
                  + " (Unmask score " + Math.round(farm.score()) + ")."));
        }
      }
    }
    return out;
  }

  private static Instant lastEvent(ScanResult result) {
    return (result.stats().lastEvent() == null ? Instant.EPOCH : result.stats().lastEvent()).truncatedTo(ChronoUnit.MILLIS);
  }

  /** Writes the bundle of the scan's farm infrastructure. */
  public static void writeStix(OutputStream out, ScanResult result) throws IOException {
    String time = DateTimeFormatter.ISO_INSTANT.format(lastEvent(result));
    Map<String, Shared> indicators = infrastructure(result);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("type", "bundle");
      g.writeStringField("id", "bundle--" + uuid5("bundle|" + time + "|" + String.join("|", indicators.keySet())));
      g.writeArrayFieldStart("objects");
      g.writeStartObject();
      g.writeStringField("type", "identity");
      g.writeStringField("spec_version", "2.1");
      g.writeStringField("id", IDENTITY);
      g.writeStringField("created", "2026-01-01T00:00:00.000Z");
      g.writeStringField("modified", "2026-01-01T00:00:00.000Z");
      g.writeStringField("name", "Unmask");
      g.writeStringField("identity_class", "system");
      g.writeEndObject();
      for (Map.Entry<String, Shared> e : indicators.entrySet()) {
        g.writeStartObject();
        g.writeStringField("type", "indicator");
        g.writeStringField("spec_version", "2.1");
        g.writeStringField("id", "indicator--" + uuid5(e.getKey()));
        g.writeStringField("created_by_ref", IDENTITY);
        g.writeStringField("created", time);
        g.writeStringField("modified", time);
        g.writeStringField("name", e.getValue().name());
        g.writeStringField("description", e.getValue().description());
        g.writeArrayFieldStart("indicator_types");
        g.writeString("malicious-activity");
        g.writeEndArray();
        g.writeStringField("pattern", e.getKey());
        g.writeStringField("pattern_type", "stix");
        g.writeStringField("valid_from", time);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /**
   * The same infrastructure as one MISP event ({@code {"Event": ...}}): addresses and home networks
   * as {@code ip-dst} attributes for IDS use, access points as {@code mac-address} attributes kept
   * for context ({@code to_ids: false}: no network sensor sees a neighbour's BSSID).
   */
  public static void writeMisp(OutputStream out, ScanResult result) throws IOException {
    Instant last = lastEvent(result);
    Map<String, Shared> shared = infrastructure(result);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeObjectFieldStart("Event");
      g.writeStringField("uuid", uuid5("misp|" + last + "|" + String.join("|", shared.keySet())).toString());
      g.writeStringField("info", "Unmask: laptop farm infrastructure");
      g.writeStringField("date", DateTimeFormatter.ISO_LOCAL_DATE.format(last.atOffset(ZoneOffset.UTC)));
      g.writeStringField("timestamp", Long.toString(last.getEpochSecond()));
      g.writeStringField("threat_level_id", "2");
      g.writeStringField("analysis", "1");
      g.writeStringField("distribution", "0");
      g.writeArrayFieldStart("Attribute");
      for (Map.Entry<String, Shared> e : shared.entrySet()) {
        boolean ip = e.getValue().attribute().type().equals("ip");
        g.writeStartObject();
        g.writeStringField("uuid", uuid5("misp-attribute|" + e.getKey()).toString());
        g.writeStringField("type", ip ? "ip-dst" : "mac-address");
        g.writeStringField("category", "Network activity");
        g.writeStringField("value", e.getValue().attribute().value());
        g.writeBooleanField("to_ids", ip);
        g.writeStringField("comment", e.getValue().name() + ". " + e.getValue().description());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /** The STIX pattern of a shared attribute, or null for what is not shared outside. */
  static String pattern(SharedAttribute shared) {
    String v = shared.value().replace("\\", "\\\\").replace("'", "\\'");
    return switch (shared.type()) {
      case "ip" -> (shared.value().contains(":") ? "[ipv6-addr:value = '" : "[ipv4-addr:value = '") + v + "']";
      case "bssid" -> "[mac-addr:value = '" + v + "']";
      default -> null;
    };
  }

  private static String describe(SharedAttribute shared) {
    return switch (shared.type()) {
      case "ip" -> shared.value().contains("/") ? "home network " + shared.value() : "residential address " + shared.value();
      default -> "Wi-Fi access point " + shared.value();
    };
  }

  /** RFC 4122 version 5 (SHA-1, name-based) in Unmask's namespace. */
  static UUID uuid5(String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(toBytes(NAMESPACE));
      byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      long msb = 0;
      long lsb = 0;
      for (int i = 0; i < 8; i++) {
        msb = (msb << 8) | (h[i] & 0xff);
        lsb = (lsb << 8) | (h[8 + i] & 0xff);
      }
      return new UUID(msb, lsb);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  private static byte[] toBytes(UUID u) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
      b[8 + i] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
    }
    return b;
  }
}
