package org.unmask.risk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.unmask.event.Severity;

/**
 * The risk policy: points per severity, decay, repeat damping, diversity bonus, new-hire weight,
 * saturation and case threshold. Documented key by key in {@code risk-policy.yml} beside this
 * class, which is also the default.
 */
public record RiskPolicy(
    Map<Severity, Double> points,
    double halfLifeDays,
    double repeatDecay,
    double sourceBonus,
    double tacticBonus,
    double maxDiversityMultiplier,
    int newHireDays,
    double newHireWeight,
    double saturation,
    double caseThreshold,
    int maxReasons) {

  private static final String DEFAULT_RESOURCE = "risk-policy.yml";

  public RiskPolicy {
    points = Map.copyOf(points);
    List<String> problems = new ArrayList<>();
    for (Severity s : Severity.values()) {
      if (!points.containsKey(s) || points.get(s) < 0) {
        problems.add("points." + s.label() + " must be a number >= 0");
      }
    }
    if (halfLifeDays <= 0) problems.add("half_life_days must be > 0");
    if (repeatDecay < 0 || repeatDecay > 1) problems.add("repeat_decay must be within 0..1");
    if (maxDiversityMultiplier < 1) problems.add("max_diversity_multiplier must be >= 1");
    if (saturation <= 0) problems.add("saturation must be > 0");
    if (caseThreshold <= 0 || caseThreshold > 100) problems.add("case_threshold must be within 1..100");
    if (maxReasons < 1) problems.add("max_reasons must be >= 1");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid risk policy: " + String.join("; ", problems));
    }
  }

  /** The shipped policy. */
  public static RiskPolicy defaults() {
    try (InputStream in = RiskPolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return fromYaml(in, Map.of());
    } catch (IOException e) {
      throw new IllegalStateException("the shipped risk policy cannot be read", e);
    }
  }

  /** The shipped policy with the keys of a user's file laid over it. */
  public static RiskPolicy load(Path file) throws IOException {
    RiskPolicy base = defaults();
    try (InputStream in = Files.newInputStream(file)) {
      return fromYaml(in, base.asMap());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Points a finding of this severity adds before weighting. */
  public double pointsFor(Severity severity) {
    return points.get(severity);
  }

  @SuppressWarnings("unchecked")
  private static RiskPolicy fromYaml(InputStream in, Map<String, Object> base) {
    Object loaded = new Load(LoadSettings.builder().setLabel("risk policy").build()).loadFromInputStream(in);
    Map<String, Object> map = new java.util.HashMap<>(base);
    if (loaded instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        if (e.getKey().equals("points") && e.getValue() instanceof Map<?, ?> p && base.get("points") instanceof Map<?, ?> bp) {
          var merged = new java.util.HashMap<Object, Object>(bp);
          merged.putAll(p);
          map.put("points", merged);
        } else {
          map.put(String.valueOf(e.getKey()), e.getValue());
        }
      }
    } else if (loaded != null) {
      throw new IllegalArgumentException("expected a mapping of keys to values");
    }
    Map<Severity, Double> pts = new EnumMap<>(Severity.class);
    if (map.get("points") instanceof Map<?, ?> p) {
      for (var e : p.entrySet()) {
        String level = String.valueOf(e.getKey());
        Severity s = Severity.parse(level);
        if (!s.label().equals(level)) {
          throw new IllegalArgumentException("unknown severity '" + level + "' under points; use informational, low, medium, high, critical");
        }
        pts.put(s, number(e.getValue(), "points." + level));
      }
    }
    return new RiskPolicy(
        pts,
        number(map.get("half_life_days"), "half_life_days"),
        number(map.get("repeat_decay"), "repeat_decay"),
        number(map.get("source_bonus"), "source_bonus"),
        number(map.get("tactic_bonus"), "tactic_bonus"),
        number(map.get("max_diversity_multiplier"), "max_diversity_multiplier"),
        (int) number(map.get("new_hire_days"), "new_hire_days"),
        number(map.get("new_hire_weight"), "new_hire_weight"),
        number(map.get("saturation"), "saturation"),
        number(map.get("case_threshold"), "case_threshold"),
        (int) number(map.get("max_reasons"), "max_reasons"));
  }

  private Map<String, Object> asMap() {
    Map<String, Object> pts = new java.util.HashMap<>();
    points.forEach((k, v) -> pts.put(k.label(), v));
    return Map.ofEntries(
        Map.entry("points", pts),
        Map.entry("half_life_days", halfLifeDays),
        Map.entry("repeat_decay", repeatDecay),
        Map.entry("source_bonus", sourceBonus),
        Map.entry("tactic_bonus", tacticBonus),
        Map.entry("max_diversity_multiplier", maxDiversityMultiplier),
        Map.entry("new_hire_days", newHireDays),
        Map.entry("new_hire_weight", newHireWeight),
        Map.entry("saturation", saturation),
        Map.entry("case_threshold", caseThreshold),
        Map.entry("max_reasons", maxReasons));
  }

  private static double number(Object value, String key) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value == null) {
      throw new IllegalArgumentException(key + " is missing");
    }
    try {
      return Double.parseDouble(value.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
    }
  }
}
