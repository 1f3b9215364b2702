package org.unmask.server.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.unmask.event.Finding;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.risk.RiskScorer;
import org.unmask.server.live.PersonProfiles.RiskPoint;

/**
 * A person's risk over time, rebuilt from their findings (their own and their devices'): the score
 * the risk policy gives as of each finding's time, counting only the findings seen by then. The
 * server's own publications only start when it does, so after a backfill they would show a single
 * point; this shows how the risk grew in the data itself. Only this person is scored, not the roster. At most {@link #MAX_POINTS} points, evenly spread, the latest always kept.
 */
final class RiskHistory {

  static final int MAX_POINTS = 60;

  private RiskHistory() {}

  static List<RiskPoint> of(String personId, List<Finding> findings, ReferenceData reference, RiskScorer scorer) {
    Person person = reference.person(personId).orElse(null);
    List<Finding> ordered = new ArrayList<>(findings);
    ordered.sort(Comparator.comparing(Finding::timestamp).thenComparing(Finding::id));
    List<Instant> times = new ArrayList<>(new TreeSet<>(ordered.stream().map(Finding::timestamp).toList()));
    List<RiskPoint> points = new ArrayList<>();
    int step = Math.max(1, (times.size() + MAX_POINTS - 1) / MAX_POINTS);
    for (int i = 0; i < times.size(); i++) {
      if (i % step != 0 && i != times.size() - 1) {
        continue;
      }
      Instant at = times.get(i);
      List<Finding> seen = ordered.stream().filter(f -> !f.timestamp().isAfter(at)).toList();
      double risk = person == null ? 0 : scorer.scorePerson(person, seen, at).riskScore();
      points.add(new RiskPoint(at, risk));
    }
    return points;
  }
}
