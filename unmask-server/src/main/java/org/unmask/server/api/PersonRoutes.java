package org.unmask.server.api;

import static org.unmask.server.auth.Access.VIEWER;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unmask.event.Finding;
import org.unmask.reference.Device;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.server.live.LiveView;
import org.unmask.server.live.PersonProfiles;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;
import org.unmask.verdict.SharedAttribute;

/** Persons, findings, farms and applicants: the live picture, pseudonymised. */
final class PersonRoutes {

  private final Services s;

  PersonRoutes(Services s) {
    this.s = s;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/persons", VIEWER, "Persons by risk (persons.jsonl shape)", List.of("limit"), "{items:[PERSON]}",
            this::persons),
        Route.get("/api/v1/persons/{id}", VIEWER,
            "One person: verdict, findings, risk timeline, sign-ins by country, work hours, devices", List.of(),
            "{person, findings, risk_timeline, signins_by_country, work_hours, devices}", this::person),
        Route.get("/api/v1/findings", VIEWER, "Findings, newest first (findings.jsonl shape)", List.of("person", "rule", "limit"),
            "{items:[FINDING]}", this::findings),
        Route.get("/api/v1/farms", VIEWER, "Suspected farms by score (farms.jsonl shape)", List.of("limit"), "{items:[FARM]}",
            this::farms),
        Route.get("/api/v1/farms/{id}", VIEWER, "One farm with its shared-infrastructure graph", List.of(), "FARM + graph",
            this::farm),
        Route.get("/api/v1/applicants", VIEWER, "Applicant verdicts by risk (applicants.jsonl shape)", List.of("limit"),
            "{items:[APPLICANT]}", this::applicants));
  }

  private void persons(Context ctx) {
    int limit = Params.limit(ctx, 500, 100_000);
    ReferenceData ref = s.engine().reference();
    Json.ok(ctx, Map.of("items", s.engine().view().persons().stream().limit(limit).map(v -> {
      Map<String, Object> m = Views.person(v);
      m.put("display_name", Views.displayName(v.personId(), ref, s.engine().pseudonyms()));
      return m;
    }).toList()));
  }

  private void person(Context ctx) {
    String id = ctx.pathParam("id");
    LiveView view = s.engine().view();
    ReferenceData ref = s.engine().reference();
    PersonVerdict verdict = view.person(id).orElse(null);
    Person person = ref.person(id).orElse(null);
    if (verdict == null && person == null) {
      throw ApiError.notFound("no such person: " + id + " (GET /api/v1/persons lists them)");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> pv = verdict != null ? Views.person(verdict)
        : Views.person(new PersonVerdict(id, 0, false, null, List.of()));
    pv.put("display_name", Views.displayName(id, ref, s.engine().pseudonyms()));
    out.put("person", pv);
    List<Finding> findings = new ArrayList<>(s.engine().findings("person", id, null, 500));
    List<Device> devices = ref.devices().stream().filter(d -> id.equals(d.personId())).toList();
    for (Device d : devices) {
      findings.addAll(s.engine().findings("device", d.deviceId(), null, 200));
    }
    findings.sort(java.util.Comparator.comparing(Finding::timestamp).reversed().thenComparing(Finding::id));
    out.put("findings", Views.findings(findings));
    PersonProfiles.Profile profile = s.engine().profiles().person(id);
    out.put("risk_timeline", s.engine().riskHistory(id, findings).stream().map(p -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", Views.time(p.at()));
      m.put("risk", Views.JsonRound.round(p.risk()));
      return m;
    }).toList());
    out.put("signins_by_country", profile.signinsByCountry().entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("country", e.getKey());
          m.put("count", e.getValue());
          return m;
        }).toList());
    Map<String, Object> hours = new LinkedHashMap<>();
    hours.put("claimed_timezone", person == null || person.timezone() == null ? null : person.timezone().getId());
    hours.put("utc_hour_histogram", profile.utcHours());
    hours.put("local_hour_histogram", profile.localHours());
    out.put("work_hours", hours);
    List<Map<String, Object>> devs = new ArrayList<>();
    for (Device d : devices) {
      PersonProfiles.DeviceHistory h = s.engine().profiles().device(d.deviceId());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("device_id", d.deviceId());
      m.put("hostname", d.hostname());
      m.put("model", d.model());
      m.put("shipped_country", d.shipTo() == null ? null : d.shipTo().country());
      m.put("usb", h.usb().stream().map(u -> {
        Map<String, Object> um = new LinkedHashMap<>();
        um.put("at", Views.time(u.at()));
        um.put("vendor_id", u.vendorId());
        um.put("product_id", u.productId());
        um.put("product", u.product());
        return um;
      }).toList());
      m.put("displays", h.displays().stream().map(x -> {
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("at", Views.time(x.at()));
        dm.put("monitor_name", x.monitorName());
        dm.put("manufacturer", x.manufacturer());
        return dm;
      }).toList());
      devs.add(m);
    }
    out.put("devices", devs);
    Json.ok(ctx, out);
  }

  private void findings(Context ctx) {
    String person = Params.text(ctx, "person");
    String rule = Params.text(ctx, "rule");
    int limit = Params.limit(ctx, 200, 10_000);
    Json.ok(ctx, Map.of("items", Views.findings(s.engine().findings("person", person, rule, limit))));
  }

  private void farms(Context ctx) {
    int limit = Params.limit(ctx, 500, 10_000);
    Json.ok(ctx, Map.of("items", s.engine().view().farms().stream().limit(limit).map(Views::farm).toList()));
  }

  private void farm(Context ctx) {
    String id = ctx.pathParam("id");
    Farm f = s.engine().view().farm(id)
        .orElseThrow(() -> ApiError.notFound("no such farm: " + id + " (GET /api/v1/farms lists them)"));
    Map<String, Object> out = new LinkedHashMap<>(Views.farm(f));
    out.put("graph", graph(f));
    Json.ok(ctx, out);
  }

  /**
   * The farm as a graph: members (persons, devices, applicants) and the shared attributes they
   * hang on. Farms record which attributes their members share, not who shares each one, so every
   * shared attribute is linked to the people of the farm; the console draws it as a hub.
   */
  private Map<String, Object> graph(Farm f) {
    ReferenceData ref = s.engine().reference();
    List<Map<String, Object>> nodes = new ArrayList<>();
    List<Map<String, Object>> edges = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (String p : f.persons()) {
      node(nodes, ids, "person:" + p, "person", Views.displayName(p, ref, s.engine().pseudonyms()) + " (" + p + ")");
    }
    for (String d : f.devices()) {
      node(nodes, ids, "device:" + d, "device", ref.device(d).map(Device::hostname).filter(h -> h != null).orElse(d));
      ref.device(d).map(Device::personId).filter(f.persons()::contains)
          .ifPresent(owner -> edges.add(edge("person:" + owner, "device:" + d, "uses")));
    }
    for (String a : f.applicants()) {
      node(nodes, ids, "applicant:" + a, "applicant", a);
    }
    for (SharedAttribute a : f.shared()) {
      String nodeId = kind(a.type()) + ":" + a.value();
      node(nodes, ids, nodeId, kind(a.type()), a.value());
      List<String> members = new ArrayList<>();
      f.persons().forEach(p -> members.add("person:" + p));
      f.applicants().forEach(p -> members.add("applicant:" + p));
      for (String m : members) {
        edges.add(edge(m, nodeId, a.type()));
      }
    }
    return Map.of("nodes", nodes, "edges", edges);
  }

  private static String kind(String type) {
    return switch (type) {
      case "bank_account_id", "payee" -> "account";
      default -> type;
    };
  }

  private static void node(List<Map<String, Object>> nodes, Set<String> ids, String id, String kind, String label) {
    if (ids.add(id)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("kind", kind);
      m.put("label", label);
      nodes.add(m);
    }
  }

  private static Map<String, Object> edge(String source, String target, String label) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("target", target);
    m.put("label", label);
    return m;
  }

  private void applicants(Context ctx) {
    int limit = Params.limit(ctx, 500, 100_000);
    Json.ok(ctx, Map.of("items", s.engine().view().applicants().stream().limit(limit).map(Views::applicant).toList()));
  }
}
