package org.unmask.detect;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;
import org.unmask.risk.AttackTactics;
import org.unmask.risk.RuleTraits;

/**
 * The fixed description of a built-in detector's finding: id, title, severity, ATT&CK techniques,
 * the data source it reads and the default points. Detectors keep one per kind of finding and make
 * findings through it, so every finding of a rule looks the same.
 */
public record RuleSpec(
    String id, String title, Severity severity, List<String> attack, String dataSource, double risk) {

  public RuleSpec {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
    requireNonNull(severity, "severity");
    attack = List.copyOf(attack);
    requireNonNull(dataSource, "dataSource");
  }

  /** What the risk model needs to know about this rule. */
  public RuleTraits traits() {
    return new RuleTraits(dataSource, AttackTactics.tacticsOf(attack));
  }

  /** A finding about an entity, evidenced by one event; the id hashes the event's location. */
  public Finding finding(EntityRef entity, Event evidence, String summary) {
    return finding(entity, evidence, summary, risk);
  }

  /** As {@link #finding(EntityRef, Event, String)} with points other than the default. */
  public Finding finding(EntityRef entity, Event evidence, String summary, double points) {
    SourceRef where = evidence.source();
    return new Finding(
        Finding.idOf(id, entity, where.toString()),
        id, title, severity, attack, evidence.timestamp(), entity, points, List.of(where), summary);
  }

  /** A finding evidenced by several records; {@code discriminator} keeps the id unique and stable. */
  public Finding finding(
      EntityRef entity, java.time.Instant when, List<SourceRef> evidence, String discriminator, String summary, double points) {
    return new Finding(
        Finding.idOf(id, entity, discriminator),
        id, title, severity, attack, when, entity, points, evidence, summary);
  }
}
