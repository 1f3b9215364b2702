package org.unmask.event;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * One risk finding, the unit of findings.jsonl: a detector or rule saw something about an entity.
 *
 * @param id deterministic id: the same dataset always yields the same ids (see {@link #idOf})
 * @param ruleId the rule or detector that produced it
 * @param title the rule's title
 * @param severity contract severity
 * @param attack MITRE ATT&CK technique ids, e.g. {@code T1219}
 * @param timestamp time of the evidence (the event that completed it)
 * @param entity who or what the finding is about
 * @param risk points this finding adds before decay and diversity weighting
 * @param evidence where the evidence lies, file and line
 * @param summary one sentence a person can read
 */
public record Finding(
    String id,
    String ruleId,
    String title,
    Severity severity,
    List<String> attack,
    Instant timestamp,
    EntityRef entity,
    double risk,
    List<SourceRef> evidence,
    String summary) {

  public Finding {
    requireNonNull(id, "id");
    requireNonNull(ruleId, "ruleId");
    requireNonNull(title, "title");
    requireNonNull(severity, "severity");
    attack = List.copyOf(attack);
    requireNonNull(timestamp, "timestamp");
    requireNonNull(entity, "entity");
    evidence = List.copyOf(evidence);
    requireNonNull(summary, "summary");
  }

  /** The same finding told in other words (a pseudonymised summary); this one when they are equal. */
  public Finding withSummary(String text) {
    return text.equals(summary) ? this : new Finding(id, ruleId, title, severity, attack, timestamp, entity, risk, evidence, text);
  }

  /**
   * A deterministic finding id: a hash of the rule, the entity and a discriminator the producer
   * chooses (usually the evidence's file and line, or a window start for aggregates). Re-running a
   * scan over the same data therefore yields the same ids, which the store relies on to upsert.
   */
  public static String idOf(String ruleId, EntityRef entity, String discriminator) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ruleId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(entity.type().label().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(entity.id().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(discriminator.getBytes(StandardCharsets.UTF_8));
      return "f-" + HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
