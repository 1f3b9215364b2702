package org.unmask.risk;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.unmask.event.Finding;

/**
 * The suppressions in force at one instant, as a pure predicate the scan applies before scoring:
 * {@code findings.stream().filter(f -> !suppressions.suppresses(f))}. The engine gets the list from
 * the store ({@code Store.activeSuppressions(now)}) without depending on it.
 */
public final class Suppressions {

  private static final Suppressions NONE = new Suppressions(List.of(), Instant.EPOCH);

  private final List<Suppression> active;

  private Suppressions(List<Suppression> all, Instant now) {
    this.active = all.stream().filter(s -> s.activeAt(now)).toList();
  }

  /** The suppressions among {@code all} that have not expired at {@code now}. */
  public static Suppressions activeAt(List<Suppression> all, Instant now) {
    return new Suppressions(requireNonNull(all, "all"), requireNonNull(now, "now"));
  }

  /** No suppressions. */
  public static Suppressions none() {
    return NONE;
  }

  /** True when an active suppression covers the finding. */
  public boolean suppresses(Finding finding) {
    return suppressor(finding).isPresent();
  }

  /** The first active suppression covering the finding, to record why it was dropped. */
  public Optional<Suppression> suppressor(Finding finding) {
    for (Suppression s : active) {
      if (s.covers(finding)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The findings no active suppression covers, in their order. */
  public List<Finding> apply(List<Finding> findings) {
    if (active.isEmpty()) {
      return findings;
    }
    List<Finding> kept = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (!suppresses(f)) {
        kept.add(f);
      }
    }
    return kept;
  }

  /** The networks analysts allow-listed by closing cases, as CIDR strings for the allow list. */
  public List<String> allowedNetworks() {
    return active.stream().filter(s -> s.scope() == Suppression.Scope.NETWORK).map(Suppression::cidr).toList();
  }

  /** The active suppressions. */
  public List<Suppression> list() {
    return active;
  }

  public boolean isEmpty() {
    return active.isEmpty();
  }
}
