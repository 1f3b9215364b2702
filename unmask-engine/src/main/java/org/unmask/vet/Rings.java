package org.unmask.vet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.unmask.event.EntityRef;
import org.unmask.reference.Applicant;
import org.unmask.verdict.Farm;
import org.unmask.verdict.IdentityLink;
import org.unmask.verdict.SharedAttribute;

/**
 * Identity rings: connected components of the graph whose edges are strong links, with each
 * hired applicant joined to the person it became. A component is a ring when it holds at least
 * two identities and at least one applicant. Its score (0–100) is
 * {@code 100 * (1 - Π(1 - weight))} over its strong links: independent pieces of evidence that
 * the identities are one operation. Ids are {@code ring-} plus a hash of the sorted members, so a
 * re-run names rings the same.
 */
final class Rings {

  private Rings() {}

  static List<Farm> find(List<IdentityLink> links, Collection<Applicant> applicants, double strong) {
    Graph<EntityRef, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
    List<IdentityLink> strongLinks = new ArrayList<>();
    for (IdentityLink l : links) {
      if (l.weight() >= strong && !l.a().equals(l.b())) {
        g.addVertex(l.a());
        g.addVertex(l.b());
        g.addEdge(l.a(), l.b());
        strongLinks.add(l);
      }
    }
    for (Applicant a : applicants) {
      EntityRef app = EntityRef.applicant(a.applicantId());
      EntityRef person = a.hiredPersonId() == null ? null : EntityRef.person(a.hiredPersonId());
      if (person != null && (g.containsVertex(app) || g.containsVertex(person))) {
        g.addVertex(app);
        g.addVertex(person);
        g.addEdge(app, person);
      }
    }
    List<Farm> rings = new ArrayList<>();
    for (Set<EntityRef> component : new ConnectivityInspector<>(g).connectedSets()) {
      TreeSet<String> apps = new TreeSet<>();
      TreeSet<String> persons = new TreeSet<>();
      for (EntityRef e : component) {
        (e.type() == EntityRef.Type.APPLICANT ? apps : persons).add(e.id());
      }
      if (apps.isEmpty() || component.size() < 2) {
        continue;
      }
      Set<SharedAttribute> shared = new HashSet<>();
      double keep = 1;
      for (IdentityLink l : strongLinks) {
        if (component.contains(l.a())) {
          shared.add(l.attribute());
          keep *= 1 - Math.min(0.99, l.weight());
        }
      }
      if (shared.isEmpty()) {
        continue; // only an applicant and the person it became
      }
      List<SharedAttribute> sharedList = new ArrayList<>(shared);
      sharedList.sort(Comparator.comparing(SharedAttribute::type).thenComparing(SharedAttribute::value));
      String id = "ring-" + digest(String.join(",", apps) + "|" + String.join(",", persons));
      rings.add(new Farm(id, List.copyOf(persons), List.of(), List.copyOf(apps), sharedList,
          ApplicantVetting.round(100 * (1 - keep))));
    }
    rings.sort(Comparator.comparingDouble(Farm::score).reversed().thenComparing(Farm::farmId));
    return rings;
  }

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
