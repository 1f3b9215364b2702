package org.unmask.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.unmask.event.Finding;
import org.unmask.scan.ScanResult;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;
import org.unmask.verdict.Reason;
import org.unmask.verdict.SharedAttribute;

/**
 * report.html: one self-contained page (no script, no network) for someone who is not an engineer:
 * who needs a look and why, the suspected farms and rings, the flagged applicants, and what could
 * not be read. Every value that comes from the data passes through {@link #esc}; log fields are
 * attacker-controlled and the page must not run what they contain.
 */
final class HtmlReport {

  private static final int TOP_PERSONS = 50;
  private static final int EVIDENCE_PER_PERSON = 8;

  private HtmlReport() {}

  static void write(OutputStream out, ScanResult result, String datasetName) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    Map<String, List<Finding>> findingsByPerson = new HashMap<>();
    for (Finding f : result.findings()) {
      if (f.entity().type() == org.unmask.event.EntityRef.Type.PERSON) {
        findingsByPerson.computeIfAbsent(f.entity().id(), k -> new java.util.ArrayList<>()).add(f);
      }
    }
    long cases = result.persons().stream().filter(PersonVerdict::caseOpened).count();
    long flagged = result.applicants().stream().filter(ApplicantVerdict::flagged).count();
    w.write("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Unmask report</title>
        <style>
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:70rem;color:#1d2330;line-height:1.45;padding:0 1rem}
        h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #e4e7ee;padding-bottom:.3rem}
        .muted{color:#5d6678}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1.2rem 0}
        .card{background:#f4f6fa;border-radius:10px;padding:.8rem 1.2rem;min-width:9rem}.card b{display:block;font-size:1.6rem}
        table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #e4e7ee;vertical-align:top}
        th{background:#f4f6fa;font-weight:600}.score{font-weight:700}.case{color:#fff;background:#c0392b;border-radius:4px;padding:0 .4rem;font-size:.85em}
        .bar{display:inline-block;height:.6rem;background:#c0392b;border-radius:3px;vertical-align:middle;margin-right:.4rem}
        ul{margin:.2rem 0;padding-left:1.1rem}code{background:#f4f6fa;padding:0 .25rem;border-radius:3px}
        details summary{cursor:pointer;color:#2d5bd3}
        </style></head><body>
        """);
    w.write("<h1>Unmask report</h1>\n<p class=\"muted\">Dataset <code>" + esc(datasetName) + "</code>");
    if (result.stats().firstEvent() != null) {
      w.write(", events from " + esc(result.stats().firstEvent().toString()) + " to " + esc(result.stats().lastEvent().toString()));
    }
    w.write(".</p>\n");
    if (result.stats().clocksAhead()) {
      w.write("<p class=\"muted\">Some events carry times up to " + esc(result.stats().latestTimestamp().toString())
          + ", past where most laptops and people were last seen: a clock set ahead. Risk is reported as of "
          + esc(result.stats().lastEvent().toString()) + ", and those events' findings count as of then.</p>\n");
    }
    w.write("<p>Unmask looks for signs that a remote worker is not who or where they claim to be: laptops driven"
        + " through KVM boxes or remote-access tools, sign-ins through VPNs or from abroad, work hours that fit Asia,"
        + " several employees behind one home network or one bank account. A case means the evidence deserves a"
        + " careful look by HR and security together. It is not proof, and identities stay pseudonymous here.</p>\n");
    w.write("<div class=\"cards\">"
        + card(result.persons().size(), "people scanned") + card(cases, "cases opened")
        + card(result.farms().size(), "suspected farms or rings") + card(flagged, "applicants flagged")
        + card(result.stats().eventsRead(), "events read") + card(result.stats().rejected(), "records rejected")
        + "</div>\n");

    w.write("<h2>People who need a look</h2>\n");
    List<PersonVerdict> top = result.persons().stream().filter(p -> p.riskScore() > 0).limit(TOP_PERSONS).toList();
    if (top.isEmpty()) {
      w.write("<p>No one has any risk. Either the data holds no sign of the scheme, or detectors had nothing to read.</p>\n");
    } else {
      w.write("<table><tr><th>Person</th><th>Risk</th><th>Why</th><th>Evidence</th></tr>\n");
      for (PersonVerdict p : top) {
        w.write("<tr><td><code>" + esc(p.personId()) + "</code>" + (p.caseOpened() ? " <span class=\"case\">case</span>" : "")
            + (p.firstFlaggedAt() == null ? "" : "<br><span class=\"muted\">flagged " + esc(p.firstFlaggedAt().toString()) + "</span>")
            + "</td><td class=\"score\"><span class=\"bar\" style=\"width:" + Math.round(p.riskScore()) + "px\"></span>"
            + String.format(java.util.Locale.ROOT, "%.0f", p.riskScore()) + "</td><td><ul>");
        for (Reason r : p.reasons()) {
          w.write("<li>" + esc(r.summary()) + " <span class=\"muted\">(" + esc(r.ruleId()) + ")</span></li>");
        }
        w.write("</ul></td><td>");
        List<Finding> fs = findingsByPerson.getOrDefault(p.personId(), List.of());
        if (!fs.isEmpty()) {
          w.write("<details><summary>" + count(fs.size(), "finding") + "</summary><ul>");
          for (Finding f : fs.stream().limit(EVIDENCE_PER_PERSON).toList()) {
            w.write("<li>" + esc(f.timestamp().toString()) + " " + esc(f.title()) + ": "
                + esc(f.evidence().isEmpty() ? "" : f.evidence().get(0).toString()) + "</li>");
          }
          w.write("</ul>");
          if (fs.size() > EVIDENCE_PER_PERSON) {
            w.write("<p class=\"muted\">The first " + EVIDENCE_PER_PERSON + " of " + String.format(java.util.Locale.ROOT, "%,d", fs.size())
                + "; all are in findings.jsonl.</p>");
          }
          w.write("</details>");
        }
        w.write("</td></tr>\n");
      }
      w.write("</table>\n");
    }

    w.write("<h2>Suspected laptop farms and identity rings</h2>\n");
    if (result.farms().isEmpty()) {
      w.write("<p>None found.</p>\n");
    } else {
      w.write("<table><tr><th>Farm</th><th>Score</th><th>Members</th><th>What they share</th></tr>\n");
      for (Farm f : result.farms()) {
        w.write("<tr><td><code>" + esc(f.farmId()) + "</code></td><td class=\"score\">" + String.format(java.util.Locale.ROOT, "%.0f", f.score())
            + "</td><td>" + list("people", f.persons()) + list("laptops", f.devices()) + list("applicants", f.applicants())
            + "</td><td><ul>");
        for (SharedAttribute s : f.shared()) {
          w.write("<li>" + esc(s.type()) + " <code>" + esc(s.value()) + "</code></li>");
        }
        w.write("</ul></td></tr>\n");
      }
      w.write("</table>\n");
    }

    w.write("<h2>Applicants flagged</h2>\n");
    List<ApplicantVerdict> apps = result.applicants().stream().filter(ApplicantVerdict::flagged).toList();
    if (apps.isEmpty()) {
      w.write("<p>None.</p>\n");
    } else {
      w.write("<table><tr><th>Applicant</th><th>Risk</th><th>Why</th></tr>\n");
      for (ApplicantVerdict a : apps) {
        w.write("<tr><td><code>" + esc(a.applicantId()) + "</code></td><td class=\"score\">"
            + String.format(java.util.Locale.ROOT, "%.0f", a.riskScore()) + "</td><td><ul>");
        for (Reason r : a.reasons()) {
          w.write("<li>" + esc(r.summary()) + "</li>");
        }
        w.write("</ul></td></tr>\n");
      }
      w.write("</table>\n");
    }

    w.write("<h2>Records that could not be read</h2>\n");
    if (result.stats().rejected() == 0) {
      w.write("<p>Every record was read.</p>\n");
    } else {
      w.write("<p>" + result.stats().rejected() + " records were rejected and listed with their reasons in"
          + " <code>rejected.jsonl</code>. Everything around them was read.</p><table><tr><th>Reason</th><th>Count</th></tr>");
      for (var e : new TreeMap<>(result.stats().rejectedByReason()).entrySet()) {
        w.write("<tr><td>" + esc(e.getKey()) + "</td><td>" + e.getValue() + "</td></tr>");
      }
      w.write("</table>\n");
    }
    w.write("<p class=\"muted\">Made by Unmask. Geolocation and network data: NRO, RouteViews, "
        + "DB-IP (db-ip.com), X4BNet; RMM catalogue: LOLRMM; Sigma rules: SigmaHQ (DRL 1.1). See docs/THIRD-PARTY.md.</p>\n");
    w.write("</body></html>\n");
    w.flush();
  }

  private static String card(long n, String label) {
    return "<div class=\"card\"><b>" + String.format(java.util.Locale.ROOT, "%,d", n) + "</b>" + esc(label) + "</div>";
  }

  /** "1 finding", "2,480 findings". */
  private static String count(long n, String noun) {
    return String.format(java.util.Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
  }

  private static String list(String label, List<String> ids) {
    if (ids.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("<div><span class=\"muted\">" + label + ":</span> ");
    for (int i = 0; i < ids.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append("<code>").append(esc(ids.get(i))).append("</code>");
    }
    return sb.append("</div>").toString();
  }

  /** HTML-escapes text for element content and quoted attributes. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '`' -> sb.append("&#96;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            sb.append("&#xFFFD;");
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
