package org.unmask.sim.truth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What really happened in a simulated world (DATASET/truth.json): the hidden workers, the laptop farms,
 * the applicant rings and the innocent staff who look suspicious, by kind. The schema is documented in
 * docs/EVALUATION.md; {@link #read} and {@link #write} are its only reader and writer.
 */
public record Truth(
    String schema,
    long seed,
    int employees,
    int days,
    String start,
    List<HiddenPerson> hiddenPersons,
    List<Farm> farms,
    List<Ring> applicantRings,
    Map<String, List<String>> hardNegatives,
    Map<String, Long> eventCounts) {

  public static final String SCHEMA = "unmask-truth/1";

  /** A hidden worker. Times are RFC 3339 or null. */
  public record HiddenPerson(String personId, String persona, List<String> signals, String farmId, String ringId, String deviceId,
      String applicantId, String operatorZone, String hireDate, Instant firstActivity, Instant firstMaliciousActivity) {}

  /** A laptop farm and what its members share. */
  public record Farm(String farmId, List<String> personIds, List<String> deviceIds, String address, String ip, String bssid, String ssid) {}

  /** An applicant ring: members (hired or not) and what they share. */
  public record Ring(String ringId, List<String> applicantIds, List<String> hiredPersonIds, List<String> shared) {}

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path file) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", schema);
    root.put("seed", seed);
    root.put("employees", employees);
    root.put("days", days);
    root.put("start", start);
    List<Object> hidden = new ArrayList<>();
    for (HiddenPerson h : hiddenPersons) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("person_id", h.personId());
      m.put("persona", h.persona());
      m.put("signals", h.signals());
      m.put("farm_id", h.farmId());
      m.put("ring_id", h.ringId());
      m.put("device_id", h.deviceId());
      m.put("applicant_id", h.applicantId());
      m.put("operator_zone", h.operatorZone());
      m.put("hire_date", h.hireDate());
      m.put("first_activity", h.firstActivity() == null ? null : h.firstActivity().toString());
      m.put("first_malicious_activity", h.firstMaliciousActivity() == null ? null : h.firstMaliciousActivity().toString());
      hidden.add(m);
    }
    root.put("hidden_persons", hidden);
    List<Object> farmList = new ArrayList<>();
    for (Farm f : farms) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("farm_id", f.farmId());
      m.put("person_ids", f.personIds());
      m.put("device_ids", f.deviceIds());
      m.put("shared", Map.of("address", f.address(), "ip", f.ip(), "bssid", f.bssid(), "ssid", f.ssid()));
      farmList.add(m);
    }
    root.put("farms", farmList);
    List<Object> ringList = new ArrayList<>();
    for (Ring g : applicantRings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ring_id", g.ringId());
      m.put("applicant_ids", g.applicantIds());
      m.put("hired_person_ids", g.hiredPersonIds());
      m.put("shared", g.shared());
      ringList.add(m);
    }
    root.put("applicant_rings", ringList);
    root.put("hard_negatives", new TreeMap<>(hardNegatives));
    root.put("event_counts", new TreeMap<>(eventCounts));
    // Map.of above has no stable order: re-key the shared objects through a TreeMap for byte-identical output.
    for (Object o : farmList) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) o;
      @SuppressWarnings("unchecked")
      Map<String, Object> shared = (Map<String, Object>) m.get("shared");
      m.put("shared", new TreeMap<>(shared));
    }
    Files.writeString(file, MAPPER.writeValueAsString(root) + "\n");
  }

  public static Truth read(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException(file + " is not a truth.json object");
    }
    List<HiddenPerson> hidden = new ArrayList<>();
    for (JsonNode h : root.path("hidden_persons")) {
      hidden.add(new HiddenPerson(text(h, "person_id"), text(h, "persona"), strings(h.path("signals")), text(h, "farm_id"), text(h, "ring_id"),
          text(h, "device_id"), text(h, "applicant_id"), text(h, "operator_zone"), text(h, "hire_date"), instant(h, "first_activity"),
          instant(h, "first_malicious_activity")));
    }
    List<Farm> farms = new ArrayList<>();
    for (JsonNode f : root.path("farms")) {
      JsonNode s = f.path("shared");
      farms.add(new Farm(text(f, "farm_id"), strings(f.path("person_ids")), strings(f.path("device_ids")), text(s, "address"), text(s, "ip"),
          text(s, "bssid"), text(s, "ssid")));
    }
    List<Ring> rings = new ArrayList<>();
    for (JsonNode g : root.path("applicant_rings")) {
      rings.add(new Ring(text(g, "ring_id"), strings(g.path("applicant_ids")), strings(g.path("hired_person_ids")), strings(g.path("shared"))));
    }
    Map<String, List<String>> negatives = new TreeMap<>();
    root.path("hard_negatives").fields().forEachRemaining(e -> negatives.put(e.getKey(), strings(e.getValue())));
    Map<String, Long> counts = new TreeMap<>();
    root.path("event_counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return new Truth(text(root, "schema"), root.path("seed").asLong(), root.path("employees").asInt(), root.path("days").asInt(),
        text(root, "start"), hidden, farms, rings, negatives, counts);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode n, String field) {
    String s = text(n, field);
    return s == null ? null : Instant.parse(s);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array) {
      out.add(v.asText());
    }
    return out;
  }
}
