package org.unmask.store.cases;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.unmask.risk.Suppression;

/**
 * What to suppress when closing a case as benign or false positive.
 *
 * @param scope {@code PERSON_RULE}: this person and {@code ruleId} (or, when null, every rule among
 *     the case's reasons); {@code NETWORK}: the allow-listed {@code cidr}
 * @param duration how long it holds; later scans honour it until then
 */
public record SuppressionRequest(Suppression.Scope scope, String ruleId, String cidr, Duration duration) {
  public SuppressionRequest {
    requireNonNull(scope, "scope");
    requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a suppression needs a positive duration, e.g. 90d");
    }
    if (scope == Suppression.Scope.NETWORK && (cidr == null || cidr.isBlank())) {
      throw new IllegalArgumentException("a network suppression needs the network: --network 203.0.113.0/24");
    }
  }

  public static SuppressionRequest rule(String ruleIdOrNull, Duration duration) {
    return new SuppressionRequest(Suppression.Scope.PERSON_RULE, ruleIdOrNull, null, duration);
  }

  public static SuppressionRequest network(String cidr, Duration duration) {
    return new SuppressionRequest(Suppression.Scope.NETWORK, null, cidr, duration);
  }
}
