package org.unmask.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The character between a CSV file's columns, read off its header. The contract's CSV is
 * comma-separated (RFC 4180), but Excel writes semicolons wherever the decimal mark is a comma
 * (most of Europe and Latin America), and some HR exports write tabs. Read with commas, such a
 * header is one long column name, and every row is then rejected for a missing id. The separator
 * that splits the header into the most names wins, a comma on a tie: the contract's column names
 * hold no semicolon, tab or bar, so a file that follows it is never second-guessed.
 */
public final class CsvDelimiter {

  /** The separators tried besides the comma, in order of preference on a tie. */
  private static final char[] OTHERS = {';', '\t', '|'};
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private CsvDelimiter() {}

  /** The separator of the file's header line (see {@link #ofHeader}). */
  public static char of(Path csv) throws IOException {
    byte[] head;
    try (InputStream in = ByteOrderMark.skipped(Files.newInputStream(csv))) {
      head = in.readNBytes(MAX_HEADER_BYTES);
    }
    int end = 0;
    while (end < head.length && head[end] != '\n' && head[end] != '\r') {
      end++;
    }
    // ISO-8859-1 maps every byte to one character: separators and quotes are ASCII in any encoding
    return ofHeader(new String(head, 0, end, StandardCharsets.ISO_8859_1));
  }

  /** The separator that splits one header line into the most names; a comma on a tie. */
  static char ofHeader(String header) {
    char best = ',';
    int most = fields(header, ',');
    for (char c : OTHERS) {
      int n = fields(header, c);
      if (n > most) {
        best = c;
        most = n;
      }
    }
    return best;
  }

  /** How many fields the line holds when split on {@code delimiter}, quotes respected. */
  private static int fields(String line, char delimiter) {
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    try (CSVParser p = CSVParser.parse(new StringReader(line), format)) {
      for (CSVRecord r : p) {
        return r.size();
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      return 0; // unbalanced quotes under this separator: not the one
    }
  }

  /** How a warning names a separator. */
  public static String name(char delimiter) {
    return switch (delimiter) {
      case '\t' -> "tabs";
      case ';' -> "semicolons";
      case '|' -> "vertical bars";
      default -> "'" + delimiter + "'";
    };
  }
}
