package org.unmask.server.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.ZipException;
import org.unmask.ingest.Gzip;
import org.unmask.server.api.ApiError;

/**
 * Reads a request body under two limits: the bytes on the wire, and (for gzip) the bytes after
 * decompression, counted as they come out, so a gzip bomb is refused after {@code maxDecompressed}
 * bytes of work instead of filling memory. A gzip body may hold several members (gzip's own
 * concatenation), and nothing else: bytes after the last member are a 400, not dropped.
 */
public final class BodyReader {

  private BodyReader() {}

  /**
   * How long a body may take to arrive. A batch holds one of the few intake slots while it is
   * read; a client trickling a byte every few seconds (never idle long enough for the
   * connection's idle timeout) would otherwise hold it for ever, and four of them stop all
   * ingestion. 64 MB arrives in time at 1 MB/s.
   */
  static final java.time.Duration MAX_READ_TIME = java.time.Duration.ofSeconds(120);

  static byte[] read(InputStream wire, boolean gzip, long contentLength, long maxCompressed, long maxDecompressed)
      throws IOException {
    return read(wire, gzip, contentLength, maxCompressed, maxDecompressed, MAX_READ_TIME);
  }

  static byte[] read(InputStream wire, boolean gzip, long contentLength, long maxCompressed, long maxDecompressed,
      java.time.Duration maxReadTime) throws IOException {
    if (contentLength > maxCompressed) {
      throw ApiError.tooLarge(String.format(Locale.ROOT,
          "request body of %,d bytes is over the limit of %,d bytes; send smaller batches", contentLength, maxCompressed),
          wire, contentLength);
    }
    try {
      return readLimited(new Deadline(wire, maxReadTime), gzip, maxCompressed, maxDecompressed);
    } catch (ApiError e) {
      throw e;
    } catch (IOException e) {
      // The client went away or sent less than it announced: nothing was kept.
      throw ApiError.badRequest("could not read the whole request body (" + e.getMessage() + "); nothing from it was kept, send it again");
    }
  }

  private static byte[] readLimited(InputStream wire, boolean gzip, long maxCompressed, long maxDecompressed) throws IOException {
    InputStream counted = new Limited(wire, maxCompressed, "request body is over the limit of %,d bytes; send smaller batches");
    if (!gzip) {
      return readAll(counted, maxCompressed);
    }
    // The scan's strict reader: the JDK's ends in silence at bytes after a member that are not a
    // whole other member, and the lines they held would be acknowledged yet never stored.
    try (InputStream unzipped = new Limited(Gzip.open(counted), maxDecompressed,
        "decompressed body is over the limit of %,d bytes; send smaller batches")) {
      return readAll(unzipped, maxDecompressed);
    } catch (ZipException | java.io.EOFException e) {
      throw ApiError.badRequest("the body is not valid gzip (" + e.getMessage()
          + "); send plain NDJSON, or gzip it whole and set Content-Encoding: gzip");
    }
  }

  private static byte[] readAll(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 1 << 20));
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** {@code in}, refused with a 408 once it is still arriving after {@link #MAX_READ_TIME}. */
  public static InputStream withDeadline(InputStream in) {
    return new Deadline(in, MAX_READ_TIME);
  }

  /** Refuses a body still arriving after its time: a 408, nothing kept. */
  private static final class Deadline extends java.io.FilterInputStream {
    private final long deadline;
    private final java.time.Duration limit;

    Deadline(InputStream in, java.time.Duration limit) {
      super(in);
      this.limit = limit;
      this.deadline = System.nanoTime() + limit.toNanos();
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      check();
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      check();
      return n;
    }

    private void check() {
      if (System.nanoTime() - deadline > 0) {
        throw new ApiError(408, "request_timeout", "the body took longer than " + limit.toSeconds()
            + " s to arrive; nothing from it was kept: send it again, in smaller batches on a slow link");
      }
    }
  }

  /** Counts bytes read and refuses past a limit. */
  private static final class Limited extends java.io.FilterInputStream {
    private final long max;
    private final String message;
    private long count;

    Limited(InputStream in, long max, String message) {
      super(in);
      this.max = max;
      this.message = message;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(int n) {
      count += n;
      if (count > max) {
        throw ApiError.tooLarge(String.format(Locale.ROOT, message, max));
      }
    }
  }
}
