package org.unmask.sim.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Regression bounds on evaluation figures, for CI. A gate file has one bound per line:
 * <pre>
 * # comment
 * case_recall >= 0.80
 * case_precision >= 0.60
 * false_cases.cgnat <= 0
 * median_days_to_flag <= 14
 * </pre>
 * Every violated bound is reported, not only the first.
 */
public final class Gate {

  /** One bound: figure, operator ({@code >=} or {@code <=}), value. */
  public record Bound(String figure, String op, double value, int line) {}

  private final List<Bound> bounds;

  private Gate(List<Bound> bounds) {
    this.bounds = bounds;
  }

  public static Gate read(Path file) throws IOException {
    List<Bound> bounds = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 3 || !(parts[1].equals(">=") || parts[1].equals("<="))) {
        problems.add(file + ":" + (i + 1) + ": expected `figure >= number` or `figure <= number`, got `" + line + "`");
        continue;
      }
      try {
        bounds.add(new Bound(parts[0], parts[1], Double.parseDouble(parts[2]), i + 1));
      } catch (NumberFormatException e) {
        problems.add(file + ":" + (i + 1) + ": `" + parts[2] + "` is not a number");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new Gate(bounds);
  }

  /** The violated bounds as readable lines; empty when the evaluation passes. */
  /** The lines naming a figure the evaluation does not have: a malformed gate file, not a broken bound. */
  public List<String> unknownFigures(java.util.Set<String> known) {
    List<String> out = new ArrayList<>();
    for (Bound b : bounds) {
      if (!known.contains(b.figure())) {
        out.add(String.format(Locale.ROOT, "line %d: no figure named %s (known: %s)", b.line(), b.figure(), String.join(", ", known)));
      }
    }
    return out;
  }

  public List<String> violations(Map<String, Double> figures) {
    List<String> out = new ArrayList<>();
    for (Bound b : bounds) {
      Double v = figures.get(b.figure());
      if (v == null) {
        out.add(String.format(Locale.ROOT, "line %d: no figure named %s (known: %s)", b.line(), b.figure(), String.join(", ", figures.keySet())));
      } else if (v.isNaN() || (b.op().equals(">=") ? v < b.value() : v > b.value())) {
        out.add(String.format(Locale.ROOT, "line %d: %s = %s, must be %s %s", b.line(), b.figure(), v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.4f", v),
            b.op(), b.value()));
      }
    }
    return out;
  }
}
