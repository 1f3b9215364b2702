package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One world, written the way another generator might write it within the contract, must give the
 * same verdicts: CSVs with a byte order mark, every field quoted, CRLF, the columns in another
 * order and an extra multi-line column; events with dotted and nested keys mixed, times in other
 * offsets, lines shuffled, datasets mixed in files of another layout, half of them gzipped. Each
 * person's score and case, and each applicant's, must come out the same.
 */
class ReserialisedWorldTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSameWorld_writtenAnotherWay_getsTheSameVerdicts(@TempDir Path tmp) throws IOException {
    Path world = tmp.resolve("world");
    Path other = tmp.resolve("other");
    String key = tmp.resolve("key").toString();
    assertThat(UnmaskCli.run("simulate", "--employees", "120", "--days", "21", "--seed", "23",
        "--hidden-share", "0.06", "--out", world.toString())).isZero();
    rewrite(world, other, new Random(23));
    assertThat(UnmaskCli.run("scan", world.toString(), "--out", tmp.resolve("a").toString(), "--key-file", key, "-q")).isZero();
    assertThat(UnmaskCli.run("scan", other.toString(), "--out", tmp.resolve("b").toString(), "--key-file", key, "-q")).isZero();
    for (String output : List.of("persons.jsonl", "applicants.jsonl")) {
      assertThat(verdicts(tmp.resolve("b").resolve(output))).as(output)
          .isEqualTo(verdicts(tmp.resolve("a").resolve(output)));
    }
    assertThat(verdicts(tmp.resolve("a").resolve("persons.jsonl"))).as("the world has cases to compare")
        .anySatisfy((id, verdict) -> assertThat(verdict).contains("case"));
  }

  /** Each line's id → its score, and whether it opened a case or was flagged. */
  private static Map<String, String> verdicts(Path jsonl) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(jsonl)) {
      JsonNode n = JSON.readTree(line);
      String id = n.has("person_id") ? n.get("person_id").asText() : n.get("applicant_id").asText();
      boolean flagged = n.path("case_opened").asBoolean(false) || n.path("flagged").asBoolean(false);
      out.put(id, n.get("risk_score").asText() + (flagged ? " case" : ""));
    }
    return out;
  }

  private static void rewrite(Path from, Path to, Random random) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String rel = from.relativize(p).toString().replace('\\', '/');
        if (rel.endsWith(".csv")) {
          Path target = to.resolve(rel);
          Files.createDirectories(target.getParent());
          rewriteCsv(p, target);
        } else if (!rel.startsWith("events/")) {
          Path target = to.resolve(rel);
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    }
    rewriteEvents(from.resolve("events"), to.resolve("events"), random);
  }

  /** A byte order mark, every field quoted, CRLF, the columns reversed, a multi-line extra column. */
  private static void rewriteCsv(Path from, Path to) throws IOException {
    List<String> header;
    List<CSVRecord> records;
    try (CSVParser p = CSVParser.parse(from, StandardCharsets.UTF_8, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      header = new ArrayList<>(p.getHeaderNames());
      records = p.getRecords();
    }
    List<String> reversed = new ArrayList<>(header);
    Collections.reverse(reversed);
    try (OutputStream out = Files.newOutputStream(to);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      w.write('\uFEFF');
      CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator("\r\n").get());
      List<String> head = new ArrayList<>(reversed);
      head.add("notes");
      printer.printRecord(head);
      for (CSVRecord r : records) {
        List<String> row = new ArrayList<>();
        for (String column : reversed) {
          row.add(r.isMapped(column) && r.isSet(column) ? r.get(column) : "");
        }
        row.add("see ticket, \"HR-1\"\nsecond line");
        printer.printRecord(row);
      }
      printer.flush();
    }
  }

  /** Every event, dotted or nested at random, re-timed to another offset, into shuffled mixed files. */
  private static void rewriteEvents(Path from, Path to, Random random) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        try (InputStream raw = Files.newInputStream(p);
            InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (!line.isBlank()) {
              lines.add(reserialise((ObjectNode) JSON.readTree(line), random));
            }
          }
        }
      }
    }
    Collections.shuffle(lines, random);
    int parts = 5;
    for (int part = 0; part < parts; part++) {
      Path file = to.resolve("export-" + part).resolve("part." + (part % 2 == 0 ? "jsonl" : "jsonl.gz"));
      Files.createDirectories(file.getParent());
      try (OutputStream raw = Files.newOutputStream(file);
          OutputStream out = part % 2 == 0 ? raw : new GZIPOutputStream(raw);
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        for (int i = part; i < lines.size(); i += parts) {
          w.write(lines.get(i));
          w.write("\r\n");
        }
      }
    }
  }

  private static final ZoneOffset[] OFFSETS = {ZoneOffset.ofHours(-8), ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(9)};

  private static String reserialise(ObjectNode event, Random random) throws IOException {
    Instant t = Instant.parse(event.get("@timestamp").asText());
    event.put("@timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(OFFSETS[random.nextInt(OFFSETS.length)])));
    if (random.nextBoolean()) {
      ObjectNode flat = JSON.createObjectNode();
      flatten("", event, flat);
      return JSON.writeValueAsString(flat);
    }
    return JSON.writeValueAsString(event);
  }

  private static void flatten(String prefix, JsonNode node, ObjectNode out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        flatten(prefix + e.getKey() + ".", e.getValue(), out);
      } else {
        out.set(prefix + e.getKey(), e.getValue());
      }
    }
  }
}
