package org.unmask.vet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Writes small contract-shaped datasets (applicants.csv, people.csv, payroll.csv) for tests. */
final class TestDataset {

  static final String APPLICANT_HEADER = "applicant_id,applied_at,full_name,email,phone,street,city,region,postal,"
      + "country,dob,national_id_hash,linkedin_url,linkedin_created,linkedin_connections,github_login,github_created,"
      + "github_public_repos,github_followers,resume_file,photo_file,referrer,hired_person_id";
  static final String PEOPLE_HEADER = "person_id,full_name,email,personal_email,phone,hire_date,end_date,title,"
      + "department,manager_id,home_street,home_city,home_region,home_postal,home_country,timezone,bank_account_id,"
      + "payee_name";

  final Path dir;
  final List<Map<String, String>> applicants = new ArrayList<>();
  final List<Map<String, String>> people = new ArrayList<>();
  final List<String> payroll = new ArrayList<>();

  TestDataset(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir.resolve("files"));
  }

  /** A benign applicant with its own identifiers; override columns with {@code put}. */
  Map<String, String> applicant(String id, int n) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("applicant_id", id);
    a.put("applied_at", "2026-03-" + String.format("%02d", 1 + n % 28) + "T10:00:00Z");
    a.put("full_name", "Person" + n + " Surname" + n);
    a.put("email", "person" + n + "@mail" + (n % 7) + ".example");
    a.put("phone", String.format("+1 212 %03d %04d", 200 + n % 700, 1000 + n));
    a.put("street", (100 + n) + " Elm Street");
    a.put("city", "City" + (n % 5));
    a.put("region", "NY");
    a.put("postal", String.format("%05d", 10000 + n));
    a.put("country", "US");
    a.put("dob", "1990-01-01");
    a.put("national_id_hash", "nid-" + n);
    a.put("linkedin_created", "2015-01-01");
    a.put("linkedin_connections", "400");
    applicants.add(a);
    return a;
  }

  Map<String, String> person(String id, int n) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("person_id", id);
    p.put("full_name", "Employee" + n + " Last" + n);
    p.put("email", "e" + n + "@corp.example");
    p.put("personal_email", "employee" + n + "@home.example");
    p.put("phone", String.format("+1 646 %03d %04d", 200 + n % 700, 2000 + n));
    p.put("home_street", (500 + n) + " Oak Ave");
    p.put("home_city", "Town");
    p.put("home_region", "NJ");
    p.put("home_postal", String.format("%05d", 7000 + n));
    p.put("home_country", "US");
    p.put("bank_account_id", "bank-" + n);
    p.put("payee_name", p.get("full_name"));
    people.add(p);
    return p;
  }

  void write() throws IOException {
    Files.writeString(dir.resolve("applicants.csv"), csv(APPLICANT_HEADER, applicants));
    Files.writeString(dir.resolve("people.csv"), csv(PEOPLE_HEADER, people));
    Files.writeString(dir.resolve("payroll.csv"),
        "person_id,changed_at,field,old_value,new_value\n" + String.join("", payroll));
  }

  private static String csv(String header, List<Map<String, String>> rows) {
    StringBuilder b = new StringBuilder(header).append('\n');
    for (Map<String, String> r : rows) {
      StringJoiner j = new StringJoiner(",");
      for (String col : header.split(",")) {
        String v = r.getOrDefault(col, "");
        j.add(v.contains(",") || v.contains("\"") || v.contains("\n") ? '"' + v.replace("\"", "\"\"") + '"' : v);
      }
      b.append(j).append('\n');
    }
    return b.toString();
  }
}
