package org.unmask.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.unmask.server.api.ApiError;

class BodyReaderTest {

  /** A client that sends a byte every 50 ms: never idle long, never done soon. */
  private static InputStream trickle(byte[] bytes) {
    return new InputStream() {
      private int next;

      @Override
      public int read() throws IOException {
        if (next == bytes.length) {
          return -1;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        return bytes[next++] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };
  }

  @Test
  void aBodyTricklingInPastItsTime_isRefusedWith408() {
    byte[] body = "{\"a\":1}\n".repeat(20).getBytes(StandardCharsets.UTF_8); // 160 bytes: 8 s at this pace
    ApiError e = catchThrowableOfType(ApiError.class,
        () -> BodyReader.read(trickle(body), false, body.length, 1 << 20, 1 << 20, Duration.ofMillis(500)));
    assertThat(e).isNotNull();
    assertThat(e.status()).isEqualTo(408);
    assertThat(e.getMessage()).contains("nothing from it was kept");
  }

  @Test
  void aBodyArrivingInTime_isReadWhole() throws IOException {
    byte[] body = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(BodyReader.read(trickle(body), false, body.length, 1 << 20, 1 << 20, Duration.ofSeconds(5))).isEqualTo(body);
    assertThat(BodyReader.read(new ByteArrayInputStream(body), false, body.length, 1 << 20, 1 << 20)).isEqualTo(body);
  }

  private static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  @Test
  void aGzipBodyOfSeveralMembers_isReadWhole() throws IOException {
    byte[] body = concat(gzip("{\"a\":1}\n"), gzip("{\"a\":2}\n"));
    assertThat(new String(BodyReader.read(new ByteArrayInputStream(body), true, body.length, 1 << 20, 1 << 20),
        StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"a\":2}\n");
  }

  /**
   * A body arriving over the network in pieces, the second member after a pause: the stream says
   * nothing is available at the member's end, and the reader must still read on rather than stop
   * there (the JDK's reader stops in silence) or refuse a valid body.
   */
  @Test
  void aSecondMemberArrivingLater_isReadWhole() throws IOException {
    byte[] first = gzip("{\"a\":1}\n");
    byte[] second = gzip("{\"a\":2}\n");
    byte[] body = concat(first, second);
    InputStream network = new InputStream() {
      private int next;

      @Override
      public int read() {
        return next < body.length ? body[next++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (next == body.length) {
          return -1;
        }
        int end = next < first.length ? first.length : body.length; // the pieces split at the member boundary
        int n = Math.min(len, end - next);
        System.arraycopy(body, next, b, off, n);
        next += n;
        return n;
      }

      @Override
      public int available() {
        return 0; // nothing has arrived yet, as a socket says between pieces
      }
    };
    assertThat(new String(BodyReader.read(network, true, body.length, 1 << 20, 1 << 20), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}\n{\"a\":2}\n");
  }

  /**
   * Bytes after the last member (a damaged second member, a truncated append) are refused: the
   * JDK's reader stopped there in silence, and the client was told its lines were all stored.
   */
  @Test
  void bytesAfterTheLastGzipMember_areRefused_notDropped() {
    byte[] second = gzipUnchecked("{\"a\":2}\n".repeat(1000));
    byte[] damaged = java.util.Arrays.copyOf(second, second.length);
    damaged[0] = 'x'; // no longer a gzip header
    for (byte[] after : new byte[][] {"garbage\n".getBytes(StandardCharsets.UTF_8), damaged,
        java.util.Arrays.copyOf(second, 12)}) {
      byte[] body = concat(gzipUnchecked("{\"a\":1}\n"), after);
      ApiError e = catchThrowableOfType(ApiError.class,
          () -> BodyReader.read(new ByteArrayInputStream(body), true, body.length, 1 << 20, 1 << 20));
      assertThat(e).as("%d bytes after the member", after.length).isNotNull();
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).contains("not valid gzip");
    }
  }

  private static byte[] gzipUnchecked(String text) {
    try {
      return gzip(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
