package org.unmask.risk;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;

/**
 * An analyst's decision that some findings are known to be harmless for a while: the result of
 * closing a case as benign or false positive. Scoped narrowly on purpose, so that one closed case
 * never blinds the scan to anyone else:
 *
 * <ul>
 *   <li>{@link Scope#PERSON_RULE}: this person, this rule ({@code ruleId} and {@code personId}).
 *   <li>{@link Scope#NETWORK}: this allow-listed network ({@code cidr}, e.g. a co-working space's
 *       egress); findings whose summary names an address inside it are suppressed, and the scan
 *       can also add the network to its allow list ({@link Suppressions#allowedNetworks()}).
 * </ul>
 *
 * @param id deterministic id (the store derives it from case and scope)
 * @param expiresAt after this instant the suppression no longer applies
 * @param caseId the case whose closing created it, for the audit trail; may be null
 */
public record Suppression(
    String id, Scope scope, String personId, String ruleId, String cidr, Instant expiresAt, String caseId) {

  /** What a suppression covers. */
  public enum Scope {
    PERSON_RULE,
    NETWORK;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Scope parse(String label) {
      return valueOf(label.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }

  public Suppression {
    requireNonNull(id, "id");
    requireNonNull(scope, "scope");
    requireNonNull(expiresAt, "expiresAt");
    if (scope == Scope.PERSON_RULE && (personId == null || ruleId == null || personId.isBlank() || ruleId.isBlank())) {
      throw new IllegalArgumentException("a person_rule suppression needs both a person and a rule");
    }
    if (scope == Scope.NETWORK) {
      Cidr network = Cidr.parse(requireNonNull(cidr, "a network suppression needs a CIDR"));
      int widest = network.network().length == 4 ? WIDEST_IPV4 : WIDEST_IPV6;
      if (network.prefix() < widest) {
        // 0.0.0.0/0 would silence every finding that names an address, North Korean sign-ins
        // included: one place (an office, a co-working space, a VPN's exits) is narrower than that
        throw new IllegalArgumentException("network " + cidr + " is wider than /" + widest
            + ": a suppression names one place (an office, a co-working space, a VPN's exit range)");
      }
    }
  }

  /** The widest networks a suppression may name: an IPv4 /16 (65,536 addresses), an IPv6 /32 (a provider's allocation). */
  static final int WIDEST_IPV4 = 16;
  static final int WIDEST_IPV6 = 32;

  /** A suppression of one rule for one person. */
  public static Suppression personRule(String id, String personId, String ruleId, Instant expiresAt, String caseId) {
    return new Suppression(id, Scope.PERSON_RULE, personId, ruleId, null, expiresAt, caseId);
  }

  /** A suppression of findings that point at one network. */
  public static Suppression network(String id, String cidr, Instant expiresAt, String caseId) {
    return new Suppression(id, Scope.NETWORK, null, null, cidr, expiresAt, caseId);
  }

  /** True while not expired. */
  public boolean activeAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** True if this suppression covers the finding (ignoring expiry, see {@link #activeAt}). */
  public boolean covers(Finding finding) {
    return switch (scope) {
      case PERSON_RULE -> finding.entity().type() == EntityRef.Type.PERSON
          && finding.entity().id().equals(personId)
          && finding.ruleId().equals(ruleId);
      case NETWORK -> Cidr.parse(cidr).containsAnyAddressIn(finding.summary());
    };
  }
}
