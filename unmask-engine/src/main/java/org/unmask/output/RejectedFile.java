package org.unmask.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.unmask.ingest.RejectSink;
import org.unmask.ingest.Rejection;

/**
 * rejected.jsonl, streamed: each rejected record is appended to a temporary file as it happens and
 * the file is renamed into place when the scan completes. Counts by reason feed the summary.
 * Thread-safe, since readers may reject from several threads.
 */
public final class RejectedFile implements RejectSink, AutoCloseable {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final Path target;
  private final Path temp;
  private final OutputStream out;
  private final JsonGenerator json;
  private final Map<String, Long> byReason = new TreeMap<>();
  private long count;

  public RejectedFile(Path outDir) throws IOException {
    Files.createDirectories(outDir);
    this.target = outDir.resolve("rejected.jsonl");
    this.temp = Files.createTempFile(outDir, ".rejected.jsonl.", ".tmp");
    this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
    this.json = JSON.createGenerator(out);
    this.json.setRootValueSeparator(null);
  }

  @Override
  public synchronized void reject(Rejection rejection) {
    try {
      JsonLines.rejection(json, rejection);
      json.flush();
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rejected.jsonl: " + e.getMessage(), e);
    }
    count++;
    byReason.merge(category(rejection.reason()), 1L, Long::sum);
  }

  public synchronized long count() {
    return count;
  }

  public synchronized Map<String, Long> countsByReason() {
    return Map.copyOf(byReason);
  }

  /** Moves the file into place. */
  public synchronized void commit() throws IOException {
    json.close();
    out.close();
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      json.close();
      out.close();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A reason's kind: the text before its first colon, so counts group similar reasons. */
  static String category(String reason) {
    int colon = reason.indexOf(':');
    String head = colon < 0 ? reason : reason.substring(0, colon);
    return head.length() > 60 ? head.substring(0, 60) : head;
  }
}
