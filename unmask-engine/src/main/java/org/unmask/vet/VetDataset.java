package org.unmask.vet;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.unmask.ingest.RejectSink;
import org.unmask.ingest.Rejection;
import org.unmask.reference.Address;
import org.unmask.reference.Applicant;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.reference.WatchlistEntry;

/**
 * Reads the CSVs vetting needs (applicants.csv, people.csv, payroll.csv, watchlists/*.csv) from a
 * dataset folder, for {@code unmask vet}. A deliberately small reader: the full scan has its own
 * ingest; this one exists so a recruiter's quick run needs nothing else. Rows without their id
 * are rejected; a bad optional cell (a date that is not a date) becomes unknown and is reported;
 * good rows around bad ones are kept. Missing files are simply empty.
 */
public final class VetDataset {

  /** The reference data and where each applicant and person sits in its CSV. */
  public record Loaded(ReferenceData reference, Map<String, Long> applicantLines, Map<String, Long> personLines) {}

  private final Path dir;
  private final RejectSink rejects;

  private VetDataset(Path dir, RejectSink rejects) {
    this.dir = dir;
    this.rejects = rejects;
  }

  /** Reads {@code dir}; throws only when the folder itself is unreadable. */
  public static Loaded read(Path dir, RejectSink rejects) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no such folder: " + dir + " — pass the folder that holds applicants.csv");
    }
    VetDataset d = new VetDataset(dir, rejects);
    Map<String, Long> appLines = new HashMap<>();
    Map<String, Long> personLines = new HashMap<>();
    List<Applicant> applicants = d.rows("applicants.csv", "applicant_id", appLines, d::applicant);
    List<Person> people = d.rows("people.csv", "person_id", personLines, d::person);
    List<PayrollChange> payroll = d.rows("payroll.csv", null, new HashMap<>(), d::payroll);
    List<WatchlistEntry> watch = new ArrayList<>();
    Path wl = dir.resolve("watchlists");
    if (Files.isDirectory(wl)) {
      List<Path> csvs = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(wl, "*.csv")) {
        s.forEach(csvs::add);
      }
      csvs.sort(null);
      for (Path p : csvs) {
        watch.addAll(d.rows("watchlists/" + p.getFileName(), null, new HashMap<>(), d::watch));
      }
    }
    return new Loaded(new ReferenceData(people, List.of(), applicants, payroll, watch), appLines, personLines);
  }

  /** A row with its file and line, for cell parsers that report. */
  private record Row(CSVRecord rec, String file, long line) {
    String get(String col) {
      if (!rec.isMapped(col) || !rec.isSet(col)) {
        return null;
      }
      String v = rec.get(col).trim();
      return v.isEmpty() ? null : v;
    }
  }

  private <T> List<T> rows(String name, String idColumn, Map<String, Long> lines, Function<Row, T> parse)
      throws IOException {
    List<T> out = new ArrayList<>();
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(r, CsvLines.format())) {
      long line = parser.getCurrentLineNumber() + 1;
      var it = parser.iterator();
      while (true) {
        CSVRecord rec;
        try {
          if (!it.hasNext()) {
            break;
          }
          rec = it.next();
        } catch (RuntimeException e) {
          // commons-csv cannot resynchronise after a broken quote; keep what was read so far.
          rejects.reject(new Rejection(name, line, "unreadable CSV from here on: " + e.getMessage()));
          break;
        }
        Row row = new Row(rec, name, line);
        String id = idColumn == null ? "" : row.get(idColumn);
        if (idColumn != null && id == null) {
          rejects.reject(new Rejection(name, line, "row has no " + idColumn + "; skipped"));
        } else if (idColumn != null && lines.containsKey(id)) {
          rejects.reject(new Rejection(name, line, idColumn + " '" + id + "' repeats line " + lines.get(id)
              + "; the first row is kept"));
        } else {
          T t = parse.apply(row);
          if (t != null) {
            out.add(t);
            if (idColumn != null) {
              lines.put(id, line);
            }
          }
        }
        line = parser.getCurrentLineNumber() + 1;
      }
    } catch (IOException | RuntimeException e) {
      rejects.reject(new Rejection(name, 0, "cannot read " + name + ": " + e.getMessage()));
    }
    return out;
  }

  private Applicant applicant(Row r) {
    return new Applicant(r.get("applicant_id"), instant(r, "applied_at"), r.get("full_name"), r.get("email"),
        r.get("phone"), new Address(r.get("street"), r.get("city"), r.get("region"), r.get("postal"), r.get("country")),
        date(r, "dob"), r.get("national_id_hash"), r.get("linkedin_url"), date(r, "linkedin_created"),
        count(r, "linkedin_connections"), r.get("github_login"), date(r, "github_created"),
        count(r, "github_public_repos"), count(r, "github_followers"), r.get("resume_file"), r.get("photo_file"),
        r.get("referrer"), r.get("hired_person_id"));
  }

  private Person person(Row r) {
    ZoneId zone = null;
    String tz = r.get("timezone");
    if (tz != null) {
      try {
        zone = ZoneId.of(tz);
      } catch (DateTimeException e) {
        note(r, "timezone '" + tz + "' is not an IANA zone; treated as unknown");
      }
    }
    return new Person(r.get("person_id"), r.get("full_name"), r.get("email"), r.get("personal_email"), r.get("phone"),
        date(r, "hire_date"), date(r, "end_date"), r.get("title"), r.get("department"), r.get("manager_id"),
        new Address(r.get("home_street"), r.get("home_city"), r.get("home_region"), r.get("home_postal"),
            r.get("home_country")),
        zone, r.get("bank_account_id"), r.get("payee_name"));
  }

  private PayrollChange payroll(Row r) {
    String person = r.get("person_id");
    Instant at = instant(r, "changed_at");
    PayrollChange.Field field = PayrollChange.Field.parse(r.get("field"));
    if (person == null || at == null || field == null) {
      rejects.reject(new Rejection(r.file(), r.line(), "payroll row needs person_id, changed_at and a field among "
          + "bank_account_id, payee_name, mailing_address, phone, personal_email; skipped"));
      return null;
    }
    return new PayrollChange(person, at, field, r.get("old_value"), r.get("new_value"));
  }

  private WatchlistEntry watch(Row r) {
    WatchlistEntry.Type type = WatchlistEntry.Type.parse(r.get("type"));
    String value = r.get("value");
    if (type == null || value == null) {
      rejects.reject(new Rejection(r.file(), r.line(), "watchlist row needs a known type and a value; skipped"));
      return null;
    }
    return new WatchlistEntry(type, value, r.get("label"), r.get("source"));
  }

  private Instant instant(Row r, String col) {
    String v = r.get(col);
    if (v == null) {
      return null;
    }
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeException e) {
      note(r, col + " '" + v + "' is not an RFC 3339 time; treated as unknown");
      return null;
    }
  }

  private LocalDate date(Row r, String col) {
    String v = r.get(col);
    if (v == null) {
      return null;
    }
    try {
      return v.length() > 10 ? OffsetDateTime.parse(v).toLocalDate() : LocalDate.parse(v);
    } catch (DateTimeException e) {
      note(r, col + " '" + v + "' is not a YYYY-MM-DD date; treated as unknown");
      return null;
    }
  }

  private Integer count(Row r, String col) {
    String v = r.get(col);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    note(r, col + " '" + v + "' is not a count; treated as unknown");
    return null;
  }

  private void note(Row r, String why) {
    rejects.reject(new Rejection(r.file(), r.line(), why));
  }
}
