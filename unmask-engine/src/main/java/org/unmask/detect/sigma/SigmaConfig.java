package org.unmask.detect.sigma;

import java.util.List;
import java.util.Map;

/**
 * Site settings that rules may refer to.
 *
 * @param placeholders values for {@code |expand} placeholders by name without the percent signs
 *     ({@code Administrators -> [adm_*, root]}); a value may hold wildcards
 * @param unresolvedPlaceholders what a placeholder without a value does: {@code NOTHING} (the
 *     value matches no event; the rule still loads, with a warning) or {@code ANYTHING} (the value
 *     becomes {@code *}, as pySigma's wildcard placeholder transformation)
 */
public record SigmaConfig(Map<String, List<String>> placeholders, Unresolved unresolvedPlaceholders) {

  /** What an unresolved {@code |expand} placeholder matches. */
  public enum Unresolved {
    NOTHING,
    ANYTHING
  }

  public SigmaConfig {
    placeholders = Map.copyOf(placeholders);
  }

  /** No placeholders; unresolved placeholders match nothing. */
  public static SigmaConfig defaults() {
    return new SigmaConfig(Map.of(), Unresolved.NOTHING);
  }
}
