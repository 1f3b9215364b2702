package org.unmask.vet;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.unmask.ingest.ByteOrderMark;
import org.unmask.ingest.CsvDelimiter;

/**
 * Line numbers of CSV records by id, for evidence pointers. A record's line is where it starts in
 * the file (1-based, header on line 1), which differs from its record number when quoted cells
 * span lines.
 */
final class CsvLines {

  private CsvLines() {}

  static CSVFormat format() {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
        .setAllowMissingColumnNames(true).setTrim(true).get();
  }

  /** id → line; empty when the file is missing or unreadable (evidence then says line 0). */
  static Map<String, Long> of(Path csv, String idColumn) {
    Map<String, Long> lines = new HashMap<>();
    if (csv == null || !Files.isRegularFile(csv)) {
      return lines;
    }
    try (Reader r = new InputStreamReader(ByteOrderMark.skipped(Files.newInputStream(csv)), StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(r, format().builder().setDelimiter(CsvDelimiter.of(csv)).get())) {
      long next = parser.getCurrentLineNumber() + 1;
      for (CSVRecord rec : parser) {
        if (rec.isMapped(idColumn) && rec.isSet(idColumn) && !rec.get(idColumn).isBlank()) {
          lines.putIfAbsent(rec.get(idColumn), next);
        }
        next = parser.getCurrentLineNumber() + 1;
      }
    } catch (IOException | RuntimeException e) {
      // Evidence lines are a convenience: a file that cannot be re-read costs them, nothing else.
    }
    return lines;
  }
}
