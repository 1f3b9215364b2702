package org.unmask.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.unmask.event.Finding;
import org.unmask.output.JsonLines;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.privacy.Pseudonymizer;
import org.unmask.store.cases.Case;
import org.unmask.store.cases.CaseNote;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;
import org.unmask.verdict.Reason;

/**
 * Response shapes. Findings, persons, farms and applicants are written by the engine's own
 * contract writer ({@link JsonLines}), so the API returns exactly the lines of findings.jsonl,
 * persons.jsonl, farms.jsonl and applicants.jsonl.
 */
final class Views {

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private Views() {}

  private interface Writer<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  private static <T> Map<String, Object> contract(T item, Writer<T> writer) {
    try {
      StringWriter out = new StringWriter();
      try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
        g.setCharacterEscapes(null);
        writer.write(g, item);
      }
      return Json.MAPPER.readValue(out.toString(), MAP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> finding(Finding f) {
    return contract(f, JsonLines::finding);
  }

  static List<Map<String, Object>> findings(List<Finding> fs) {
    return fs.stream().map(Views::finding).collect(Collectors.toList());
  }

  static Map<String, Object> person(PersonVerdict p) {
    return contract(p, JsonLines::person);
  }

  static Map<String, Object> applicant(ApplicantVerdict a) {
    return contract(a, JsonLines::applicant);
  }

  static Map<String, Object> farm(Farm f) {
    return contract(f, JsonLines::farm);
  }

  /** The pseudonym shown for a person: never the name itself. */
  static String displayName(String personId, ReferenceData reference, Pseudonymizer pseudonyms) {
    return reference.person(personId).map(Person::fullName).filter(n -> n != null && !n.isBlank())
        .map(pseudonyms::name).orElse(personId);
  }

  static Map<String, Object> caseView(Case k, ReferenceData reference, Pseudonymizer pseudonyms) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case_id", k.caseId());
    m.put("person_id", k.personId());
    m.put("display_name", displayName(k.personId(), reference, pseudonyms));
    m.put("risk", JsonRound.round(k.riskScore()));
    m.put("status", k.status().label());
    m.put("resolution", k.resolution() == null ? null : k.resolution().label());
    m.put("assignee", k.assignee());
    m.put("opened_at", time(k.openedAt()));
    m.put("updated_at", time(k.updatedAt()));
    m.put("closed_at", time(k.closedAt()));
    m.put("first_flagged_at", time(k.firstFlaggedAt()));
    m.put("summary", k.reasons().stream().limit(3).map(Reason::summary).collect(Collectors.joining("; ")));
    m.put("reasons", k.reasons().stream().map(r -> {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("rule_id", r.ruleId());
      rm.put("summary", r.summary());
      rm.put("points", JsonRound.round(r.points()));
      return rm;
    }).toList());
    return m;
  }

  static Map<String, Object> note(CaseNote n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", n.number());
    m.put("at", time(n.writtenAt()));
    m.put("actor", n.author());
    m.put("text", n.text());
    return m;
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  /** Two decimals, as the contract's files have. */
  static final class JsonRound {
    private JsonRound() {}

    static double round(double v) {
      return Math.round(v * 100.0) / 100.0;
    }
  }
}
