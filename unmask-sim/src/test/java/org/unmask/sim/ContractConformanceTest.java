package org.unmask.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Every file the simulator writes follows CONTRACT.md section 1 to the letter. */
class ContractConformanceTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> DATASETS = Set.of("idp.signin", "vpn.session", "endpoint.process", "endpoint.usb", "endpoint.display",
      "endpoint.inventory", "network.flow", "proxy.http", "git.audit");
  static final Pattern HEX4 = Pattern.compile("[0-9a-f]{4}");
  static final Pattern PNP = Pattern.compile("[A-Z]{3}");

  @Test
  void csvFiles_haveTheContractHeaders() throws IOException {
    Path d = SmallWorld.dir();
    assertThat(header(d.resolve("people.csv"))).isEqualTo("person_id,full_name,email,personal_email,phone,hire_date,end_date,title,department,"
        + "manager_id,home_street,home_city,home_region,home_postal,home_country,timezone,bank_account_id,payee_name");
    assertThat(header(d.resolve("devices.csv"))).isEqualTo("device_id,hostname,serial,person_id,model,ship_street,ship_city,ship_region,"
        + "ship_postal,ship_country,shipped_at");
    assertThat(header(d.resolve("applicants.csv"))).isEqualTo("applicant_id,applied_at,full_name,email,phone,street,city,region,postal,country,"
        + "dob,national_id_hash,linkedin_url,linkedin_created,linkedin_connections,github_login,github_created,github_public_repos,"
        + "github_followers,resume_file,photo_file,referrer,hired_person_id");
    assertThat(header(d.resolve("payroll.csv"))).isEqualTo("person_id,changed_at,field,old_value,new_value");
    try (Stream<Path> s = Files.list(d.resolve("watchlists"))) {
      for (Path w : s.toList()) {
        assertThat(header(w)).as(w.toString()).isEqualTo("type,value,label,source");
      }
    }
  }

  @Test
  void csvValues_useContractFormats() throws IOException {
    Path d = SmallWorld.dir();
    for (List<String> row : Csv.rows(d.resolve("people.csv"))) {
      LocalDate.parse(row.get(5));
      assertThat(row.get(14)).isEqualTo("US");
      assertThat(java.time.ZoneId.of(row.get(15))).isNotNull();
      assertThat(row.get(2)).endsWith("@acme-corp.com");
    }
    for (List<String> row : Csv.rows(d.resolve("payroll.csv"))) {
      OffsetDateTime.parse(row.get(1));
      assertThat(row.get(2)).isIn("bank_account_id", "payee_name", "mailing_address", "phone", "personal_email");
    }
    for (List<String> row : Csv.rows(d.resolve("devices.csv"))) {
      LocalDate.parse(row.get(10));
    }
    for (List<String> row : Csv.rows(d.resolve("applicants.csv"))) {
      OffsetDateTime.parse(row.get(1));
      assertThat(d.resolve("files").resolve(row.get(19))).exists();
      Path photo = d.resolve("files").resolve(row.get(20));
      assertThat(ImageIO.read(photo.toFile())).as(photo.toString()).isNotNull();
    }
    try (Stream<Path> s = Files.list(d.resolve("watchlists"))) {
      for (Path w : s.toList()) {
        for (List<String> row : Csv.rows(w)) {
          assertThat(row.get(0)).isIn("ip", "cidr", "domain", "email", "phone", "organization", "bank_account_id", "wallet", "usb_id",
              "process_name", "sha256");
        }
      }
    }
  }

  @Test
  void everyEvent_hasRfc3339Timestamp_andItsFolder_sDataset_andFilesAreSortedButOne() throws IOException {
    Path events = SmallWorld.dir().resolve("events");
    List<Path> files;
    try (Stream<Path> s = Files.walk(events)) {
      files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    assertThat(files.stream().map(p -> p.getParent().getFileName().toString()).distinct()).containsExactlyInAnyOrderElementsOf(DATASETS);
    int unsorted = 0;
    for (Path f : files) {
      String dataset = f.getParent().getFileName().toString();
      Instant previous = Instant.MIN;
      boolean sorted = true;
      for (String line : Files.readAllLines(f)) {
        JsonNode e = JSON.readTree(line);
        Instant t = OffsetDateTime.parse(e.get("@timestamp").asText()).toInstant();
        sorted &= !t.isBefore(previous);
        previous = t;
        assertThat(e.at("/event/dataset").asText()).isEqualTo(dataset);
        conforms(dataset, e);
      }
      if (!sorted) {
        unsorted++;
        assertThat(f.getFileName().toString()).isEqualTo("late-arrivals.jsonl");
      }
    }
    assertThat(unsorted).isEqualTo(1);
  }

  private static void conforms(String dataset, JsonNode e) {
    switch (dataset) {
      case "idp.signin" -> {
        assertThat(e.at("/user/email").asText()).contains("@");
        assertThat(e.at("/source/ip").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(e.at("/event/outcome").asText()).isIn("success", "failure");
        assertThat(e.at("/user_agent/original").asText()).isNotEmpty();
      }
      case "vpn.session" -> assertThat(e.at("/event/action").asText()).isIn("start", "end");
      case "endpoint.usb" -> {
        assertThat(e.at("/usb/vendor_id").asText()).matches(HEX4);
        assertThat(e.at("/usb/product_id").asText()).matches(HEX4);
        assertThat(e.at("/event/action").asText()).isIn("connected", "disconnected");
      }
      case "endpoint.display" -> assertThat(e.at("/display/edid/manufacturer_id").asText()).matches(PNP);
      case "endpoint.inventory" -> {
        assertThat(e.at("/host/public_ip").asText()).isNotEmpty();
        assertThat(e.at("/host/locale/keyboard_layouts").isArray()).isTrue();
        assertThat(java.time.ZoneId.of(e.at("/host/locale/timezone").asText())).isNotNull();
      }
      case "endpoint.process" -> assertThat(e.at("/process/name").asText()).isNotEmpty();
      case "network.flow" -> assertThat(e.at("/destination/port").isInt()).isTrue();
      case "proxy.http" -> assertThat(e.at("/url/domain").asText()).isNotEmpty();
      case "git.audit" -> {
        assertThat(e.at("/event/action").asText()).isIn("clone", "push", "fetch", "download_zip");
        assertThat(e.at("/repository/sensitivity").asText()).isIn("public", "internal", "restricted");
      }
      default -> throw new AssertionError("unknown dataset " + dataset);
    }
    if (!dataset.equals("idp.signin") && !dataset.equals("git.audit")) {
      assertThat(e.at("/host/id").asText()).as(dataset).isNotEmpty();
    }
  }

  private static String header(Path csv) throws IOException {
    try (var lines = Files.lines(csv)) {
      return lines.findFirst().orElse("");
    }
  }

  /** A small RFC 4180 reader for the tests. */
  static final class Csv {
    static List<List<String>> rows(Path file) throws IOException {
      List<List<String>> out = new ArrayList<>();
      List<String> lines = Files.readAllLines(file);
      for (int i = 1; i < lines.size(); i++) {
        out.add(split(lines.get(i)));
      }
      return out;
    }

    static List<String> split(String line) {
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          out.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      out.add(cur.toString());
      return out;
    }
  }
}
