package org.unmask.sim.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.unmask.sim.truth.Truth;

/**
 * How well a scan's output matches a simulated world's truth: case precision and recall, ranking
 * quality, time to flag, farms and applicant rings recovered, and false cases per hard-negative kind.
 * {@link #figures()} flattens everything into named numbers that a gate file can bound.
 */
public record Evaluation(Map<String, Double> figures, Map<String, Object> detail) {

  /** A truth farm counts as recovered when some output farm has at least this Jaccard similarity on persons. */
  public static final double FARM_JACCARD = 0.75;

  public static Evaluation of(Truth truth, ScanOutput out) {
    Map<String, Double> f = new LinkedHashMap<>();
    Map<String, Object> detail = new LinkedHashMap<>();
    Set<String> hidden = new HashSet<>();
    Map<String, Truth.HiddenPerson> hiddenById = new HashMap<>();
    for (Truth.HiddenPerson h : truth.hiddenPersons()) {
      hidden.add(h.personId());
      hiddenById.put(h.personId(), h);
    }

    // Cases.
    int tp = 0;
    int fp = 0;
    Set<String> opened = new HashSet<>();
    for (ScanOutput.PersonLine p : out.persons()) {
      if (p.caseOpened() && opened.add(p.personId())) {
        if (hidden.contains(p.personId())) tp++; else fp++;
      }
    }
    f.put("case_precision", Metrics.precision(tp, fp));
    f.put("case_recall", Metrics.recall(tp, hidden.size()));
    f.put("cases_opened", (double) opened.size());
    f.put("hidden_persons", (double) hidden.size());
    f.put("false_cases_total", (double) fp);

    // Ranking: persons.jsonl by risk_score, ties in file order.
    List<ScanOutput.PersonLine> ranked = new ArrayList<>(out.persons());
    ranked.sort(Comparator.comparingDouble(ScanOutput.PersonLine::riskScore).reversed());
    f.put("average_precision", Metrics.averagePrecision(ranked.stream().map(ScanOutput.PersonLine::personId).toList(), hidden));

    // Time to flag.
    List<Double> days = new ArrayList<>();
    for (ScanOutput.PersonLine p : out.persons()) {
      Truth.HiddenPerson h = hiddenById.get(p.personId());
      if (h != null && p.caseOpened() && p.firstFlaggedAt() != null && h.firstMaliciousActivity() != null) {
        // Flagging before the first malicious event (e.g. from the applicant ring) counts as zero days.
        days.add(Math.max(0, Duration.between(h.firstMaliciousActivity(), p.firstFlaggedAt()).toMinutes() / 1440.0));
      }
    }
    f.put("median_days_to_flag", days.isEmpty() ? Double.NaN : Metrics.median(days));

    // Farms.
    int recovered = 0;
    List<Object> farmDetail = new ArrayList<>();
    for (Truth.Farm farm : truth.farms()) {
      double best = 0;
      String bestId = null;
      for (ScanOutput.FarmLine o : out.farms()) {
        double j = Metrics.jaccard(farm.personIds(), o.persons());
        if (j > best) {
          best = j;
          bestId = o.farmId();
        }
      }
      boolean ok = best >= FARM_JACCARD;
      if (ok) recovered++;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("farm_id", farm.farmId());
      m.put("size", farm.personIds().size());
      m.put("best_output_farm", bestId);
      m.put("jaccard", round(best));
      m.put("recovered", ok);
      farmDetail.add(m);
    }
    f.put("farms_truth", (double) truth.farms().size());
    f.put("farms_output", (double) out.farms().size());
    f.put("farm_recall", Metrics.recall(recovered, truth.farms().size()));
    detail.put("farms", farmDetail);

    // Applicants.
    Set<String> ring = new HashSet<>();
    truth.applicantRings().forEach(g -> ring.addAll(g.applicantIds()));
    // A hidden worker's own application is a true positive for vetting too, ring or not; it is not
    // required for recall (a lone application may show nothing), but flagging it is no false alarm.
    Set<String> hiddenApplications = new HashSet<>();
    truth.hiddenPersons().forEach(h -> {
      if (h.applicantId() != null) {
        hiddenApplications.add(h.applicantId());
      }
    });
    int atp = 0;
    int afp = 0;
    for (ScanOutput.ApplicantLine a : out.applicants()) {
      if (a.flagged()) {
        if (ring.contains(a.applicantId())) atp++;
        else if (!hiddenApplications.contains(a.applicantId())) afp++;
      }
    }
    f.put("applicant_precision", Metrics.precision(atp, afp));
    f.put("applicant_recall", Metrics.recall(atp, ring.size()));

    // False cases per hard-negative kind (hidden persons are never counted as false).
    Map<String, Object> byKind = new TreeMap<>();
    // Every kind appears, even when a small world has nobody of that kind, so gate files work across seeds.
    Map<String, List<String>> kinds = new TreeMap<>();
    for (org.unmask.sim.negatives.HardNegative k : org.unmask.sim.negatives.HardNegative.values()) {
      kinds.put(k.name().toLowerCase(Locale.ROOT), List.of());
    }
    kinds.putAll(truth.hardNegatives());
    for (Map.Entry<String, List<String>> kind : kinds.entrySet()) {
      int falseCases = 0;
      for (String id : kind.getValue()) {
        if (opened.contains(id) && !hidden.contains(id)) falseCases++;
      }
      f.put("false_cases." + kind.getKey(), (double) falseCases);
      byKind.put(kind.getKey(), Map.of("persons", kind.getValue().size(), "false_cases", falseCases));
    }
    detail.put("false_cases_by_kind", byKind);

    // Recall by persona kind and by technique, to see which tradecraft slips through.
    Map<String, int[]> byPersona = new TreeMap<>();
    Map<String, int[]> bySignal = new TreeMap<>();
    for (Truth.HiddenPerson h : truth.hiddenPersons()) {
      boolean found = opened.contains(h.personId());
      int[] c = byPersona.computeIfAbsent(h.persona(), k -> new int[2]);
      c[0]++;
      if (found) c[1]++;
      for (String s : h.signals()) {
        int[] cs = bySignal.computeIfAbsent(s, k -> new int[2]);
        cs[0]++;
        if (found) cs[1]++;
      }
    }
    byPersona.forEach((k, c) -> f.put("recall.persona." + k, Metrics.recall(c[1], c[0])));
    Map<String, Object> signals = new TreeMap<>();
    bySignal.forEach((k, c) -> signals.put(k, Map.of("persons", c[0], "found", c[1])));
    detail.put("recall_by_signal", signals);
    return new Evaluation(f, detail);
  }

  public void write(Path file) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures().forEach((k, v) -> figures.put(k, v.isNaN() ? null : round(v)));
    root.put("figures", figures);
    root.putAll(detail);
    Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
  }

  /** A table for people. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    row(sb, "Cases", String.format(Locale.ROOT, "precision %s  recall %s  (%d opened, %d hidden)", pct("case_precision"), pct("case_recall"),
        (int) get("cases_opened"), (int) get("hidden_persons")));
    row(sb, "Ranking", "average precision " + num("average_precision"));
    row(sb, "Time to flag", Double.isNaN(get("median_days_to_flag")) ? "n/a" : "median " + num("median_days_to_flag") + " days");
    row(sb, "Farms", String.format(Locale.ROOT, "recovered %s of %d (Jaccard >= %.2f), %d in output", pct("farm_recall"), (int) get("farms_truth"),
        FARM_JACCARD, (int) get("farms_output")));
    row(sb, "Applicants", "precision " + pct("applicant_precision") + "  recall " + pct("applicant_recall"));
    figures.forEach((k, v) -> {
      if (k.startsWith("recall.persona.")) {
        row(sb, "  recall " + k.substring(15), pct(k));
      }
    });
    row(sb, "False cases", String.valueOf((int) get("false_cases_total")));
    figures.forEach((k, v) -> {
      if (k.startsWith("false_cases.") && v > 0) {
        row(sb, "  " + k.substring(12), String.valueOf(v.intValue()));
      }
    });
    return sb.toString();
  }

  private double get(String key) {
    return figures.getOrDefault(key, Double.NaN);
  }

  private String pct(String key) {
    double v = get(key);
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private String num(String key) {
    double v = get(key);
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static void row(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "%-22s %s%n", label, value));
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
