package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VetCommandTest {

  @TempDir Path tmp;

  static final String HEADER = "applicant_id,applied_at,full_name,email,phone,street,city,region,postal,country,dob,"
      + "national_id_hash,linkedin_url,linkedin_created,linkedin_connections,github_login,github_created,"
      + "github_public_repos,github_followers,resume_file,photo_file,referrer,hired_person_id\n";

  private Path dataset() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("ds"));
    Files.createDirectories(d.resolve("files"));
    Files.createDirectories(d.resolve("watchlists"));
    Files.writeString(d.resolve("applicants.csv"), HEADER
        + "A1,2026-03-01T10:00:00Z,Ann Lee,ann@x.org,(415) 555-2671,1 Elm St,Austin,TX,78701,US,1990-01-01,n1,,,,,,,,,,,\n"
        + "A2,2026-03-02T10:00:00Z,Bo Kim,bo@x.org,+1 415 555 2671,9 Oak St,Austin,TX,78702,US,1991-01-01,n2,,,,,,,,,,,\n"
        + "A3,not-a-time,Cy Diaz,cy@x.org,212-555-0199,5 Pine St,Austin,TX,78703,US,1992-01-01,n3,,,,,,,,,"
        + "../../etc/passwd,\"Hopana Tech, LLC\",\n"
        + ",2026-03-04T10:00:00Z,No Id,,,,,,,,,,,,,,,,,,,,\n");
    Files.writeString(d.resolve("watchlists/intel.csv"), "type,value,label,source\nphone,212-555-0199,facilitator,tip\n");
    return d;
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(m.readTree(l));
    }
    return out;
  }

  @Test
  void vet_writesApplicantsFarmsAndRejected_forEveryApplicant() throws IOException {
    Path out = tmp.resolve("out");
    int status = UnmaskCli.run("vet", dataset().toString(), "--out", out.toString());
    assertThat(status).isZero();
    List<JsonNode> applicants = lines(out.resolve("applicants.jsonl"));
    assertThat(applicants).extracting(n -> n.get("applicant_id").asText()).containsExactlyInAnyOrder("A1", "A2", "A3");
    assertThat(applicants.get(0).get("applicant_id").asText()).isEqualTo("A3");
    assertThat(applicants.get(0).get("flagged").asBoolean()).isTrue();
    assertThat(applicants.get(0).get("reasons").get(0).get("rule_id").asText()).startsWith("vet.indicator.");
    List<JsonNode> farms = lines(out.resolve("farms.jsonl"));
    assertThat(farms).singleElement().satisfies(f -> {
      assertThat(f.get("farm_id").asText()).startsWith("ring-");
      assertThat(f.get("devices")).isEmpty();
      assertThat(f.get("applicants").toString()).isEqualTo("[\"A1\",\"A2\"]");
      assertThat(f.get("shared").get(0).get("type").asText()).isEqualTo("phone");
      assertThat(f.get("shared").get(0).get("value").asText()).startsWith("sha256:");
      assertThat(f.toString()).doesNotContain("2671");
    });
    List<JsonNode> rejected = lines(out.resolve("rejected.jsonl"));
    assertThat(rejected).extracting(n -> n.get("line").asLong()).containsExactlyInAnyOrder(4L, 4L, 5L);
    assertThat(rejected).extracting(n -> n.get("reason").asText())
        .anyMatch(r -> r.contains("applied_at"))
        .anyMatch(r -> r.contains("climbs out"))
        .anyMatch(r -> r.contains("missing applicant_id"));
    try (var s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void vet_failsWithOneLine_whenTheDatasetIsMissing() {
    int status = UnmaskCli.run("vet", tmp.resolve("nope").toString(), "--out", tmp.resolve("out").toString());
    assertThat(status).isNotZero();
  }
}
