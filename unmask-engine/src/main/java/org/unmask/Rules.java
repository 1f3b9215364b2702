package org.unmask;

import org.unmask.detect.EventRules;
import org.unmask.detect.sigma.SigmaEventRules;
import org.unmask.scan.ScanOptions;

/** Loads the Sigma rules a scan runs: the shipped content plus the user's paths. */
public final class Rules {

  private Rules() {}

  /** The shipped rules (unless turned off) plus the rule paths of the options. */
  public static EventRules load(ScanOptions options) {
    if (!options.builtInRules() && options.rulePaths().isEmpty()) {
      return EventRules.NONE;
    }
    return SigmaEventRules.load(options.rulePaths(), options.builtInRules(), options.riskPolicy(), options.ruleCache());
  }
}
