package org.unmask.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.unmask.reference.Address;
import org.unmask.reference.Applicant;
import org.unmask.reference.Device;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.reference.WatchlistEntry;

/**
 * Reads the CSV files of a dataset into {@link ReferenceData}. Columns are found by header name
 * (case-insensitive, a UTF-8 byte order mark tolerated), unknown columns are ignored and an empty
 * cell is null. A row without what identifies it (a missing or duplicate id; a payroll change
 * without its time or field, a watchlist row without its type or value) is rejected with file,
 * line and reason, and the rest of the file still loads. A bad optional cell (a malformed date,
 * zone or count) is reported the same way but reads as unknown and the row is kept: these cells
 * come from applicants and employees, and an application with "dob: n/a" must still be vetted,
 * an employee with a mistyped hire date still watched.
 *
 * <p>A {@code people.csv} that exists but cannot be read (permissions, not UTF-8, broken quoting)
 * is fatal: person verdicts over half a roster would be silently wrong. The other files are
 * rejected at the point of failure and keep the rows read before it.
 */
final class ReferenceReader {

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setTrim(true)
          .setAllowMissingColumnNames(true)
          .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
          .get();

  private final Path folder;
  private final RejectSink sink;

  ReferenceReader(Path folder, RejectSink sink) {
    this.folder = folder;
    this.sink = sink;
  }

  ReferenceData read() {
    List<Person> people = new ArrayList<>();
    readFile("people.csv", true, "person_id", uniqueBy("person_id", row -> people.add(person(row))));
    List<Device> devices = new ArrayList<>();
    readFile("devices.csv", false, "device_id", uniqueBy("device_id", row -> devices.add(device(row))));
    List<Applicant> applicants = new ArrayList<>();
    readFile("applicants.csv", false, "applicant_id", uniqueBy("applicant_id", row -> applicants.add(applicant(row))));
    List<PayrollChange> payroll = new ArrayList<>();
    readFile("payroll.csv", false, "person_id", row -> payroll.add(payrollChange(row)));
    List<WatchlistEntry> watchlist = new ArrayList<>();
    for (String name : watchlistFiles()) {
      if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
        watchlist.addAll(IndicatorFeeds.read(folder.resolve(name), name, sink::reject));
      } else {
        readFile(name, false, "value", row -> watchlist.add(watchlistEntry(row)));
      }
    }
    return new ReferenceData(people, devices, applicants, payroll, watchlist);
  }

  private static Person person(Row r) {
    return new Person(
        r.required("person_id"), r.text("full_name"), r.text("email"), r.text("personal_email"),
        r.text("phone"), r.date("hire_date"), r.date("end_date"), r.text("title"),
        r.text("department"), r.text("manager_id"),
        new Address(r.text("home_street"), r.text("home_city"), r.text("home_region"),
            r.text("home_postal"), r.text("home_country")),
        r.zone("timezone"), r.text("bank_account_id"), r.text("payee_name"));
  }

  private static Device device(Row r) {
    return new Device(
        r.required("device_id"), r.text("hostname"), r.text("serial"), r.text("person_id"),
        r.text("model"),
        new Address(r.text("ship_street"), r.text("ship_city"), r.text("ship_region"),
            r.text("ship_postal"), r.text("ship_country")),
        r.dateOrTime("shipped_at"));
  }

  private static Applicant applicant(Row r) {
    return new Applicant(
        r.required("applicant_id"), r.dateOrTime("applied_at"), r.text("full_name"),
        r.text("email"), r.text("phone"),
        new Address(r.text("street"), r.text("city"), r.text("region"), r.text("postal"),
            r.text("country")),
        r.date("dob"), r.text("national_id_hash"), r.text("linkedin_url"),
        r.date("linkedin_created"), r.integer("linkedin_connections"), r.text("github_login"),
        r.date("github_created"), r.integer("github_public_repos"), r.integer("github_followers"),
        r.text("resume_file"), r.text("photo_file"), r.text("referrer"), r.text("hired_person_id"));
  }

  private static PayrollChange payrollChange(Row r) {
    String personId = r.required("person_id");
    Instant changedAt = r.required("changed_at", r.dateOrTime("changed_at"));
    String fieldName = r.required("field");
    PayrollChange.Field field = PayrollChange.Field.parse(fieldName);
    if (field == null) {
      throw new BadRow("field must be one of bank_account_id, payee_name, mailing_address, phone,"
          + " personal_email; got " + EventParser.quote(fieldName));
    }
    return new PayrollChange(personId, changedAt, field, r.text("old_value"), r.text("new_value"));
  }

  private static WatchlistEntry watchlistEntry(Row r) {
    String typeName = r.required("type");
    WatchlistEntry.Type type = WatchlistEntry.Type.parse(typeName);
    if (type == null) {
      throw new BadRow("type must be one of ip, cidr, domain, email, phone, organization,"
          + " bank_account_id, wallet, usb_id, process_name, sha256; got " + EventParser.quote(typeName));
    }
    return new WatchlistEntry(type, r.required("value"), r.text("label"), r.text("source"));
  }

  /** Wraps a row handler so that a repeated id is rejected rather than silently shadowed. */
  private static java.util.function.Consumer<Row> uniqueBy(String idColumn, java.util.function.Consumer<Row> then) {
    Map<String, Long> seen = new HashMap<>();
    return row -> {
      String id = row.required(idColumn);
      Long first = seen.putIfAbsent(id, row.line);
      if (first != null) {
        throw new BadRow("duplicate " + idColumn + " " + EventParser.quote(id) + " (first at line " + first + ")");
      }
      try {
        then.accept(row);
      } catch (BadRow e) {
        seen.remove(id);
        throw e;
      }
    };
  }

  private List<String> watchlistFiles() {
    Path dir = folder.resolve("watchlists");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      // CSV rows, and threat-intelligence feeds (STIX 2.1 bundles, MISP events) as JSON
      return list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(csv|json)"))
          .filter(Files::isRegularFile)
          .map(p -> "watchlists/" + p.getFileName())
          .sorted()
          .toList();
    } catch (IOException e) {
      sink.reject(new Rejection("watchlists/", 0, "cannot list: " + e.getMessage()));
      return List.of();
    }
  }

  /**
   * Hands each row of a file to the handler. A file that mixes UTF-8 with another encoding is read
   * as UTF-8 with each bad byte as U+FFFD, and the rows holding one are rejected: no one encoding
   * reads them right, and a name read wrong would pass for another person. The other rows are kept.
   */
  /**
   * @param keyColumn the column every row needs: a header without it is one rejection (this file's
   *     rows cannot be read), not one per row, and not silence when the file has no rows
   */
  private void readFile(String name, boolean fatal, String keyColumn, java.util.function.Consumer<Row> handler) {
    Path path = folder.resolve(name);
    if (!Files.exists(path)) {
      return;
    }
    long[] lastLine = {0}; // the last line read, for what a failure says
    try {
      CsvEncoding.Verdict encoding = CsvEncoding.of(path);
      if (encoding.isLegacy()) {
        sink.reject(new Rejection(name, encoding.firstInvalidLine(), "not UTF-8: read as Windows-1252 (what"
            + " Excel's \"CSV (Comma delimited)\" writes), every row kept; save it as \"CSV UTF-8\" to be"
            + " sure of names and addresses"));
      }
      char delimiter = CsvDelimiter.of(path);
      if (delimiter != ',') {
        sink.reject(new Rejection(name, 1, "columns separated by " + CsvDelimiter.name(delimiter) + ", not commas"
            + " (what Excel writes where the decimal mark is a comma): read that way, every row kept"));
      }
      CSVFormat format = delimiter == ',' ? FORMAT : FORMAT.builder().setDelimiter(delimiter).get();
      Map<String, Integer> columns = Map.of();
      CSVFormat rowsOnly = format;
      // a row that is not CSV (a quote never closed, text after a closing quote) costs that row:
      // reading starts again on the next line, as often as it takes, with the header read first
      for (int start = 0; ; start++) {
        long skip = start == 0 ? 0 : lastLine[0] + 1;
        if (start > MAX_RESYNCS) {
          sink.reject(new Rejection(name, skip, "more than " + MAX_RESYNCS + " rows that are not CSV: the rest of the file skipped"));
          return;
        }
        // buffered: skipping lines reads a character at a time, and looks one past a \r
        try (Reader reader = new BufferedReader(decoding(path, encoding))) {
          if (!skipLines(reader, skip)) {
            return; // the bad row was the last
          }
          try (CSVParser csv = CSVParser.parse(reader, rowsOnly)) {
            if (start == 0) {
              List<String> headers = csv.getHeaderNames();
              columns = columns(headers);
              if (!columns.containsKey(keyColumn)) {
                sink.reject(Rejection.missingKeyColumn(name, keyColumn, String.join(String.valueOf(delimiter), headers)));
                return;
              }
              rowsOnly = format.builder().setHeader(headers.toArray(String[]::new)).setSkipHeaderRecord(false).get();
            }
            readRows(name, csv, skip, columns, encoding, handler, lastLine);
            return;
          }
        } catch (NotCsv e) {
          sink.reject(new Rejection(name, lastLine[0] + 1, e.getMessage()));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      String why = why(e);
      if (fatal) {
        throw new DatasetException("cannot read " + name + ": " + why
            + " — fix the file (UTF-8 CSV with a header row) or remove it", e);
      }
      sink.reject(new Rejection(name, lastLine[0] + 1, "cannot read the rest of the file: " + why));
    }
  }

  /** How many times one file's reading starts again after a row that is not CSV. */
  private static final int MAX_RESYNCS = 1000;

  /**
   * Hands every row of the parser to the handler, numbering lines from {@code offset} (the lines
   * skipped before the parser's input), and keeps {@code lastLine[0]} at the last line read.
   *
   * @throws NotCsv when a row is not CSV; {@code lastLine[0]} is then the row before it
   */
  private void readRows(String name, CSVParser csv, long offset, Map<String, Integer> columns, CsvEncoding.Verdict encoding,
      java.util.function.Consumer<Row> handler, long[] lastLine) {
    lastLine[0] = offset + csv.getCurrentLineNumber();
    Iterator<CSVRecord> records = csv.iterator();
    while (true) {
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return;
        }
        record = records.next();
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof org.apache.commons.csv.CSVException)) {
          throw e; // a failing disk or a decoding error: the file's end, as before
        }
        // Commons CSV numbers lines from where this parser began: the rejection has the file's
        String what = why(e).replaceFirst("^\\((start)?line \\d+\\) ", "");
        throw new NotCsv("not CSV: " + what + "; row skipped, reading on at the next line");
      }
      long line = offset + csv.getCurrentLineNumber();
      lastLine[0] = line;
      if (encoding.isMixed() && holdsReplacement(record)) {
        sink.reject(new Rejection(name, line, "bytes that are not UTF-8 in a file whose other lines are"
            + " UTF-8: row skipped; re-save the file as \"CSV UTF-8\""));
      } else {
        accept(name, new Row(columns, record, line), handler);
      }
    }
  }

  /** A row that is not CSV. */
  private static final class NotCsv extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotCsv(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads past {@code lines} line breaks (\n, \r\n or \r, as Commons CSV counts them); false at the end first. */
  private static boolean skipLines(Reader reader, long lines) throws IOException {
    long seen = 0;
    int previous = -1;
    while (seen < lines) {
      int c = reader.read();
      if (c < 0) {
        return false;
      }
      if (c == '\n' && previous != '\r') {
        seen++;
      } else if (c == '\r') {
        seen++;
      }
      previous = c;
    }
    // a \r\n split across the last line break: its \n belongs to the line already counted
    if (previous == '\r') {
      reader.mark(1);
      if (reader.read() != '\n') {
        reader.reset();
      }
    }
    return true;
  }

  /** One row to its handler; a bad row or bad cells are rejected with the line, the file goes on. */
  private void accept(String name, Row row, java.util.function.Consumer<Row> handler) {
    try {
      handler.accept(row);
      for (String problem : row.cellProblems()) {
        sink.reject(new Rejection(name, row.line, problem + "; read as unknown, the rest of the row kept"));
      }
    } catch (BadRow e) {
      sink.reject(new Rejection(name, row.line, e.getMessage()));
    } catch (RuntimeException e) {
      if (e instanceof UncheckedIOException) {
        throw e;
      }
      sink.reject(new Rejection(name, row.line, "bad row: " + EventSource.message(e)));
    }
  }

  private static String why(Exception e) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (t instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied";
    }
    return EventSource.message((Exception) t);
  }

  private static boolean holdsReplacement(CSVRecord record) {
    for (String cell : record) {
      if (cell.indexOf('\uFFFD') >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A UTF-8 file is read strictly, so a byte changed since {@link CsvEncoding} looked still stops
   * it; in the others a bad byte reads as U+FFFD (a mixed file's, whose rows are then rejected;
   * Windows-1252's five undefined bytes, which its warning covers).
   */
  private static Reader decoding(Path path, CsvEncoding.Verdict encoding) throws IOException {
    CodingErrorAction onError = encoding.isUtf8() ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
    return new InputStreamReader(
        ByteOrderMark.skipped(Files.newInputStream(path)),
        encoding.charset().newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError));
  }

  private static Map<String, Integer> columns(List<String> headers) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      String h = headers.get(i);
      if (h == null) {
        continue;
      }
      h = h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
      columns.putIfAbsent(h, i);
    }
    return columns;
  }

  private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(,\\d{3})+");

  /** One CSV row addressed by column name, with typed cell readers that note bad cells. */
  private static final class Row {
    private final Map<String, Integer> columns;
    private final CSVRecord record;
    private final long line;
    /** Bad optional cells, by column: read as null, reported once the row is kept. */
    private final Map<String, String> problems = new java.util.LinkedHashMap<>();

    Row(Map<String, Integer> columns, CSVRecord record, long line) {
      this.columns = columns;
      this.record = record;
      this.line = line;
    }

    String text(String column) {
      Integer i = columns.get(column);
      if (i == null || i >= record.size()) {
        return null;
      }
      String v = record.get(i);
      return v == null || v.isEmpty() ? null : v;
    }

    String required(String column) {
      String v = text(column);
      if (v == null) {
        throw new BadRow("missing " + column);
      }
      return v;
    }

    /** A typed cell the row cannot do without: its problem, or its absence, rejects the row. */
    <T> T required(String column, T value) {
      if (value == null) {
        String problem = problems.get(column);
        throw new BadRow(problem != null ? problem : "missing " + column);
      }
      return value;
    }

    java.util.Collection<String> cellProblems() {
      return problems.values();
    }

    /**
     * A date; an RFC 3339 time in a date column (what exports of date fields often write) gives
     * the date it was written with.
     */
    LocalDate date(String column) {
      return typed(column, s -> {
        LocalDate d = Timestamps.date(s);
        return d != null || s.length() <= 10 || Timestamps.lenient(s) == null ? d : Timestamps.date(s.substring(0, 10));
      }, "is not a date (YYYY-MM-DD)");
    }

    Instant dateOrTime(String column) {
      return typed(column, Timestamps::dateOrTime, "is not a date (YYYY-MM-DD) or RFC 3339 time");
    }

    /**
     * A count; thousands separators ({@code 1,204}) and a trailing plus (LinkedIn's {@code 500+},
     * read as 500: at least that many) are accepted, as profile pages and their exports show them.
     */
    Integer integer(String column) {
      return typed(column, s -> {
        String digits = s.endsWith("+") ? s.substring(0, s.length() - 1) : s;
        if (THOUSANDS.matcher(digits).matches()) {
          digits = digits.replace(",", "");
        }
        try {
          return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
          return null;
        }
      }, "is not a whole number");
    }

    ZoneId zone(String column) {
      return typed(column, s -> {
        try {
          return ZoneId.of(s);
        } catch (DateTimeException e) {
          return null;
        }
      }, "is not an IANA time zone (e.g. America/Chicago)");
    }

    private <T> T typed(String column, Function<String, T> parse, String problem) {
      String v = text(column);
      if (v == null) {
        return null;
      }
      T t = parse.apply(v);
      if (t == null) {
        problems.put(column, column + " " + problem + ": " + EventParser.quote(v));
      }
      return t;
    }
  }

  private static final class BadRow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRow(String message) {
      super(message, null, false, false);
    }
  }
}
