package org.unmask.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.state.State;

/**
 * A monitor whose EDID contradicts itself: the name claims a brand whose PNP manufacturer id is
 * not the one announced (THREAT.md section 2, "structural detection that survives spoofing"). A
 * PiKVM told to call itself "DELL U2723QE" keeps the LNX id unless the operator also changes it;
 * a careless spoof of the id keeps the KVM's name. Reported once per device and monitor model.
 */
public final class DisplayIdentity implements Detector<DisplayIdentity.Reported> {

  static final RuleSpec CONTRADICTION = new RuleSpec(
      "unmask.display.edid_contradiction", "Monitor identity contradicts itself",
      Severity.HIGH, List.of("T1200", "T1219"), "endpoint", 25);

  /** Brand words in monitor names and the PNP ids their EDIDs really carry. */
  private static final Map<String, Set<String>> BRAND_IDS = Map.ofEntries(
      Map.entry("dell", Set.of("DEL", "DELL")),
      Map.entry("samsung", Set.of("SAM", "SEC", "STN")),
      Map.entry("lg", Set.of("GSM", "LGD", "LGE", "APP")), // the LG UltraFine line carries Apple's id
      Map.entry("asus", Set.of("AUS", "ACI")),
      Map.entry("acer", Set.of("ACR", "AMW")),
      Map.entry("hp", Set.of("HPN", "HWP", "HPQ")),
      Map.entry("lenovo", Set.of("LEN")),
      Map.entry("benq", Set.of("BNQ")),
      Map.entry("viewsonic", Set.of("VSC")),
      Map.entry("philips", Set.of("PHL")),
      Map.entry("aoc", Set.of("AOC")),
      Map.entry("apple", Set.of("APP")),
      Map.entry("msi", Set.of("MSI")),
      Map.entry("gigabyte", Set.of("GBT")),
      Map.entry("eizo", Set.of("ENC")),
      Map.entry("sony", Set.of("SNY")),
      Map.entry("huawei", Set.of("HWV")),
      Map.entry("pikvm", Set.of("LNX")),
      Map.entry("tinypilot", Set.of("TSB")));

  public static List<RuleSpec> rules() {
    return List.of(CONTRADICTION);
  }

  /** Monitor models already reported for this device. */
  public static final class Reported {
    public java.util.Set<String> models = new java.util.HashSet<>();
  }

  @Override
  public String id() {
    return "unmask.display.identity";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    return "endpoint.display".equals(event.dataset()) ? event.text("host.id") : null;
  }

  @Override
  public void onEvent(Event event, State<Reported> state, DetectionContext context) {
    String mfg = event.text("display.edid.manufacturer_id");
    String name = event.text("display.edid.monitor_name");
    if (mfg == null || name == null) {
      return;
    }
    String brand = brandOf(name);
    if (brand == null || BRAND_IDS.get(brand).contains(mfg.trim().toUpperCase(Locale.ROOT))) {
      return;
    }
    Reported reported = state.value() == null ? new Reported() : state.value();
    if (!reported.models.add(mfg + "|" + name) || reported.models.size() > 50) {
      return;
    }
    state.update(reported);
    String deviceId = event.text("host.id");
    context.emit(CONTRADICTION.finding(EntityRef.device(deviceId), event, String.format(
        "Laptop %s reports a monitor named '%s' whose EDID manufacturer id is %s, not one of %s's (%s).",
        deviceId, name, mfg, brand, String.join("/", new java.util.TreeSet<>(BRAND_IDS.get(brand))))));
  }

  /** The brand a monitor name starts with (first word), or null when it names no known brand. */
  static String brandOf(String monitorName) {
    String first = monitorName.trim().toLowerCase(Locale.ROOT).split("[\\s_-]+", 2)[0];
    return BRAND_IDS.containsKey(first) ? first : null;
  }
}
