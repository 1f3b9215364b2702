package org.unmask.risk;

import java.util.Set;

/**
 * What the risk model needs to know about a rule besides its findings: the data source its
 * evidence comes from (HR, identity, endpoint, network, payroll, code...) and the ATT&CK tactics
 * it speaks to. Independent evidence (several sources, several tactics) counts more than repeats.
 */
public record RuleTraits(String dataSource, Set<String> tactics) {

  public static final RuleTraits UNKNOWN = new RuleTraits("unknown", Set.of());

  public RuleTraits {
    tactics = Set.copyOf(tactics);
  }
}
