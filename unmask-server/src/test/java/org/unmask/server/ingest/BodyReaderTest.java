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
}
