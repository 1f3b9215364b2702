package org.unmask.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which encoding a reference CSV file is in. The contract says UTF-8, but the usual way to make
 * such a file is Excel's "CSV (Comma delimited)" on Windows, which writes Windows-1252: a roster
 * with "José" then held one byte UTF-8 cannot read, and the whole scan stopped. A file is
 * therefore read as:
 *
 * <ul>
 *   <li>UTF-8 when every byte sequence in it is valid UTF-8 (the contract's case);
 *   <li>Windows-1252 when it is not, and holds no multi-byte UTF-8 character at all: a legacy
 *       export, whose every byte stands for one character; the reader warns, with the line of the
 *       first such byte;
 *   <li>neither when it mixes the two (valid UTF-8 characters and invalid bytes): a corrupted or
 *       concatenated file, in which some names would be read wrong whichever encoding were chosen.
 * </ul>
 *
 * <p>Windows-1252 rather than ISO-8859-1: the two agree on letters, and Windows-1252 also reads the
 * curly quotes, dashes and euro sign that Excel writes in the 0x80–0x9F range.
 */
final class CsvEncoding {

  /** Windows-1252: present in every JDK (it is in the standard charsets of java.base). */
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** What a file's bytes turned out to be. */
  enum Kind { UTF8, LEGACY, MIXED }

  /** How to read a file: its kind, and where its bytes that are not UTF-8 are. */
  record Verdict(Kind kind, long invalidBytes, long firstInvalidLine) {
    /** The encoding to read with: a mixed file is read as UTF-8, its bad bytes replaced. */
    Charset charset() {
      return kind == Kind.LEGACY ? WINDOWS_1252 : StandardCharsets.UTF_8;
    }

    boolean isUtf8() {
      return kind == Kind.UTF8;
    }

    boolean isLegacy() {
      return kind == Kind.LEGACY;
    }

    /** Neither encoding reads the file right: it has valid UTF-8 characters and invalid bytes. */
    boolean isMixed() {
      return kind == Kind.MIXED;
    }
  }

  private CsvEncoding() {}

  /** Reads the file once, without keeping it, and says how to read it. */
  static Verdict of(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return of(in);
    }
  }

  static Verdict of(InputStream in) throws IOException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    CharBuffer chars = CharBuffer.allocate(64 * 1024);
    long invalid = 0;
    long multiByteCharacters = 0;
    long line = 1;
    long firstInvalidLine = 0;
    boolean end = false;
    while (!end) {
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      end = n < 0;
      if (n > 0) {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
      while (true) {
        CoderResult result = utf8.decode(bytes, chars, end);
        chars.flip();
        for (int i = 0; i < chars.length(); i++) {
          char c = chars.get(i);
          if (c == '\n') {
            line++;
          } else if (c >= 0x80 && c != '\uFEFF') { // a byte order mark says UTF-8, it does not show it
            multiByteCharacters++;
          }
        }
        chars.clear();
        if (result.isMalformed() || result.isUnmappable()) {
          invalid += result.length();
          if (firstInvalidLine == 0) {
            firstInvalidLine = line;
          }
          bytes.position(bytes.position() + result.length());
        } else if (result.isUnderflow()) {
          break;
        }
      }
      bytes.compact();
    }
    if (invalid == 0) {
      return new Verdict(Kind.UTF8, 0, 0);
    }
    return new Verdict(multiByteCharacters == 0 ? Kind.LEGACY : Kind.MIXED, invalid, firstInvalidLine);
  }
}
