package org.unmask.farm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.unmask.detect.RuleSpec;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.reference.Applicant;
import org.unmask.reference.Device;
import org.unmask.reference.ReferenceData;
import org.unmask.verdict.Farm;
import org.unmask.verdict.LinkObservation;
import org.unmask.verdict.SharedAttribute;

/**
 * The farm and ring graph: persons and applicants joined by what they share. Each pair's links are
 * combined by noisy-OR over distinct attributes ({@code 1 - prod(1 - w)}), so two weak links (a
 * shipping address and a phone) can add up while one repeated link cannot. Pairs at or above
 * {@link #EDGE_THRESHOLD} become edges; connected components with two or more members become farms
 * (laptop farms when they hold employees, identity rings when they hold only applicants). Each
 * employee member gets a finding dated to when their first edge formed, worth more the more kinds of
 * thing the member shares ({@link #pointsFor}): one address could be a misread household, while an
 * address, a Wi-Fi network and an egress address together are one room of laptops.
 */
public final class FarmGraph {

  public static final RuleSpec MEMBER = new RuleSpec(
      "unmask.farm.member", "Shares infrastructure or identity with other employees (possible laptop farm)",
      Severity.HIGH, List.of("T1219", "T1656"), "graph", 35);

  static final double EDGE_THRESHOLD = 0.65;
  /** Extra weight of a member finding per further kind of attribute shared, up to three kinds. */
  static final double PER_FURTHER_KIND = 0.4;
  static final int MAX_KINDS_COUNTED = 3;
  /**
   * Identity links among applicants (a reused photo, resume, phone or national id) are already
   * filtered by the vetting matchers, and vetting calls a link strong from 0.5.
   */
  static final double IDENTITY_EDGE_THRESHOLD = 0.5;
  /** The layer of the graph an attribute belongs to: l(ocation), m(oney) or i(dentity). */
  static String layerOf(String attributeType) {
    if (IDENTITY_ATTRIBUTES.contains(attributeType)) {
      return "i";
    }
    return attributeType.equals("bank_account_id") || attributeType.equals("payee") ? "m" : "l";
  }

  /** What a person is (their papers, photo, resume, contacts), as opposed to where they work from. */
  static final Set<String> IDENTITY_ATTRIBUTES =
      Set.of("phone", "email", "photo", "resume", "national_id", "github", "linkedin");

  public static List<RuleSpec> rules() {
    return List.of(MEMBER);
  }

  /** Farms found and the findings for their members. */
  public record Result(List<Farm> farms, List<Finding> findings) {}

  private FarmGraph() {}

  private static final class Pair {
    final Map<String, Double> weightByAttribute = new TreeMap<>();
    final Map<String, Instant> sinceByAttribute = new TreeMap<>();
    final Set<SharedAttribute> shared = new LinkedHashSet<>();
    final List<SourceRef> evidence = new ArrayList<>();
    final List<String> explanations = new ArrayList<>();
    boolean identity;

    double threshold() {
      return identity ? IDENTITY_EDGE_THRESHOLD : EDGE_THRESHOLD;
    }

    double weight() {
      double keep = 1;
      for (double w : weightByAttribute.values()) {
        keep *= 1 - w;
      }
      return 1 - keep;
    }

    /** When the combined weight first reached the threshold, adding attributes in time order. */
    Instant formedAt() {
      List<Map.Entry<String, Instant>> byTime = new ArrayList<>(sinceByAttribute.entrySet());
      byTime.sort(Map.Entry.comparingByValue());
      double keep = 1;
      for (var e : byTime) {
        keep *= 1 - weightByAttribute.get(e.getKey());
        if (1 - keep >= threshold()) {
          return e.getValue();
        }
      }
      return byTime.get(byTime.size() - 1).getValue();
    }
  }

  public static Result build(ReferenceData ref, List<LinkObservation> observations) {
    Map<String, String> hiredAs = new HashMap<>();
    for (Applicant a : ref.applicants()) {
      if (a.hiredPersonId() != null && !a.hiredPersonId().isBlank()) {
        hiredAs.put(a.applicantId(), a.hiredPersonId());
      }
    }
    Map<String, Pair> pairs = new TreeMap<>();
    Map<String, Set<String>> applicationsOf = new HashMap<>(); // person node -> applicant ids seen in links
    for (LinkObservation o : observations) {
      String a = node(o.link().a(), ref, hiredAs);
      String b = node(o.link().b(), ref, hiredAs);
      for (var end : List.of(Map.entry(o.link().a(), a), Map.entry(o.link().b(), b))) {
        if (end.getKey().type() == EntityRef.Type.APPLICANT && end.getValue().startsWith("p:")) {
          applicationsOf.computeIfAbsent(end.getValue(), k -> new TreeSet<>()).add(end.getKey().id());
        }
      }
      if (a.equals(b)) {
        continue;
      }
      String layer = layerOf(o.link().attribute().type());
      String key = layer + "\u0000" + (a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a);
      Pair p = pairs.computeIfAbsent(key, k -> new Pair());
      p.identity = layer.equals("i");
      String attr = o.link().attribute().type() + "=" + o.link().attribute().value();
      p.weightByAttribute.merge(attr, o.link().weight(), Math::max);
      p.sinceByAttribute.merge(attr, o.at(), (x, y) -> x.isBefore(y) ? x : y);
      p.shared.add(o.link().attribute());
      if (p.evidence.size() < 10) {
        p.evidence.addAll(o.evidence().subList(0, Math.min(o.evidence().size(), 10 - p.evidence.size())));
      }
      if (p.explanations.size() < 5) {
        p.explanations.add(o.link().explanation());
      }
    }
    // Three layers are clustered apart: laptop farms (one place: an egress address, a Wi-Fi network,
    // a shipping address, an authenticator phone), payment rings (one salary account or payee) and
    // identity rings (one photo, resume, phone, e-mail or id). A facilitator network spans them
    // (hired ring members sit in farms, farms share shell companies); one component holding all
    // would drown each farm in the network, and the member findings already add up per person.
    List<Farm> farms = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (String layer : List.of("l", "m", "i")) {
      Map<String, Pair> subset = new TreeMap<>();
      pairs.forEach((k, v) -> {
        if (k.startsWith(layer + "\u0000")) {
          subset.put(k, v);
        }
      });
      cluster(ref, subset, applicationsOf, farms, findings);
    }
    farms.sort(Comparator.comparingDouble(Farm::score).reversed().thenComparing(Farm::farmId));
    return new Result(farms, findings);
  }

  private static void cluster(ReferenceData ref, Map<String, Pair> pairs, Map<String, Set<String>> applicationsOf,
      List<Farm> farms, List<Finding> findings) {
    Graph<String, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    Map<DefaultWeightedEdge, Pair> pairOfEdge = new HashMap<>();
    for (var e : pairs.entrySet()) {
      Pair p = e.getValue();
      if (p.weight() < p.threshold()) {
        continue;
      }
      String[] ends = e.getKey().substring(2).split("\u0000");
      graph.addVertex(ends[0]);
      graph.addVertex(ends[1]);
      DefaultWeightedEdge edge = graph.addEdge(ends[0], ends[1]);
      graph.setEdgeWeight(edge, p.weight());
      pairOfEdge.put(edge, p);
    }
    List<Set<String>> components = new ArrayList<>(new ConnectivityInspector<>(graph).connectedSets());
    components.sort(Comparator.comparing(s -> new TreeSet<>(s).first()));
    for (Set<String> component : components) {
      if (component.size() < 2) {
        continue;
      }
      TreeSet<String> persons = new TreeSet<>();
      TreeSet<String> applicants = new TreeSet<>();
      for (String n : component) {
        if (n.startsWith("p:")) {
          persons.add(n.substring(2));
          applicants.addAll(applicationsOf.getOrDefault(n, Set.of()));
        } else if (n.startsWith("a:")) {
          applicants.add(n.substring(2));
        }
      }
      TreeSet<String> devices = new TreeSet<>();
      for (String n : component) {
        if (n.startsWith("d:")) devices.add(n.substring(2));
      }
      for (Device d : ref.devices()) {
        if (d.personId() != null && persons.contains(d.personId())) {
          devices.add(d.deviceId());
        }
      }
      Set<SharedAttribute> shared = new LinkedHashSet<>();
      double total = 0;
      Map<String, Instant> firstEdge = new TreeMap<>();
      Map<String, List<SourceRef>> evidenceOf = new TreeMap<>();
      Map<String, String> explanationOf = new TreeMap<>();
      Map<String, Set<String>> kindsOf = new TreeMap<>();
      List<DefaultWeightedEdge> edges = new ArrayList<>();
      for (String n : component) {
        edges.addAll(graph.edgesOf(n));
      }
      for (DefaultWeightedEdge edge : new LinkedHashSet<>(edges)) {
        Pair p = pairOfEdge.get(edge);
        shared.addAll(p.shared);
        total += p.weight();
        Instant formed = p.formedAt();
        for (String end : List.of(graph.getEdgeSource(edge), graph.getEdgeTarget(edge))) {
          p.shared.forEach(a -> kindsOf.computeIfAbsent(end, k -> new TreeSet<>()).add(a.type()));
          if (!firstEdge.containsKey(end) || formed.isBefore(firstEdge.get(end))) {
            firstEdge.put(end, formed);
            evidenceOf.put(end, p.evidence);
            explanationOf.put(end, p.explanations.get(0));
          }
        }
      }
      List<SharedAttribute> sharedSorted = new ArrayList<>(shared);
      sharedSorted.sort(Comparator.comparing(SharedAttribute::type).thenComparing(SharedAttribute::value));
      String farmId = "farm-" + Hashes.sha256Prefix(String.join(",", new TreeSet<>(component)));
      double score = Math.round(100 * (1 - Math.exp(-total / 1.5)) * 100) / 100.0;
      farms.add(new Farm(farmId, List.copyOf(persons), List.copyOf(devices), List.copyOf(applicants), sharedSorted, score));
      for (String person : persons) {
        String node = "p:" + person;
        String kinds = String.join(", ", sharedSorted.stream().map(SharedAttribute::type).distinct().toList());
        findings.add(MEMBER.finding(EntityRef.person(person), firstEdge.get(node), evidenceOf.get(node), farmId,
            person + " is one of " + component.size() + " members of suspected farm " + farmId
                + " (shared: " + kinds + "). " + explanationOf.get(node),
            pointsFor(kindsOf.getOrDefault(node, Set.of()).size())));
      }
    }
  }

  /** A member finding's points: the rule's for one kind of attribute shared, more for each further kind. */
  static double pointsFor(int kindsShared) {
    int further = Math.max(0, Math.min(kindsShared, MAX_KINDS_COUNTED) - 1);
    return MEMBER.risk() * (1 + PER_FURTHER_KIND * further);
  }

  /** Graph node of an entity: persons as {@code p:ID}; a hired applicant is the person they became. */
  private static String node(EntityRef e, ReferenceData ref, Map<String, String> hiredAs) {
    return switch (e.type()) {
      case PERSON -> "p:" + e.id();
      case DEVICE -> ref.device(e.id()).map(Device::personId).map(p -> "p:" + p).orElse("d:" + e.id());
      case APPLICANT -> hiredAs.containsKey(e.id()) ? "p:" + hiredAs.get(e.id()) : "a:" + e.id();
      case FARM -> "f:" + e.id();
    };
  }
}
