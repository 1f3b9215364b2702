package org.unmask.sim.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** What a scan wrote (CONTRACT.md section 2), as far as evaluation needs it. */
public record ScanOutput(List<PersonLine> persons, List<FarmLine> farms, List<ApplicantLine> applicants, long findings) {

  public record PersonLine(String personId, double riskScore, boolean caseOpened, Instant firstFlaggedAt) {}

  public record FarmLine(String farmId, List<String> persons) {}

  public record ApplicantLine(String applicantId, double riskScore, boolean flagged) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads OUT; persons.jsonl is required, the rest optional (a scan may find no farms). */
  public static ScanOutput read(Path out) throws IOException {
    Path persons = out.resolve("persons.jsonl");
    if (!Files.isRegularFile(persons)) {
      throw new NoSuchFileException(persons.toString(), null, "no persons.jsonl in " + out + " — pass the folder `unmask scan --out` wrote");
    }
    List<PersonLine> people = new ArrayList<>();
    for (JsonNode n : lines(persons)) {
      people.add(new PersonLine(n.path("person_id").asText(null), n.path("risk_score").asDouble(0), n.path("case_opened").asBoolean(false),
          time(n.get("first_flagged_at"))));
    }
    List<FarmLine> farms = new ArrayList<>();
    for (JsonNode n : lines(out.resolve("farms.jsonl"))) {
      List<String> ids = new ArrayList<>();
      n.path("persons").forEach(p -> ids.add(p.isObject() ? p.path("person_id").asText() : p.asText()));
      farms.add(new FarmLine(n.path("farm_id").asText(null), ids));
    }
    List<ApplicantLine> applicants = new ArrayList<>();
    for (JsonNode n : lines(out.resolve("applicants.jsonl"))) {
      applicants.add(new ApplicantLine(n.path("applicant_id").asText(null), n.path("risk_score").asDouble(0), n.path("flagged").asBoolean(false)));
    }
    long findings = 0;
    Path f = out.resolve("findings.jsonl");
    if (Files.isRegularFile(f)) {
      try (var s = Files.lines(f, StandardCharsets.UTF_8)) {
        findings = s.filter(l -> !l.isBlank()).count();
      }
    }
    return new ScanOutput(people, farms, applicants, findings);
  }

  private static Instant time(JsonNode n) {
    if (n == null || n.isNull() || n.asText().isBlank()) {
      return null;
    }
    return OffsetDateTime.parse(n.asText()).toInstant();
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int no = 0;
      for (String line; (line = r.readLine()) != null; ) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new IOException(file + ":" + no + ": not a JSON object: " + e.getMessage(), e);
        }
      }
    }
    return out;
  }
}
