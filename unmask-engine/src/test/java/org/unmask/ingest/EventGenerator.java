package org.unmask.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Writes contract-shaped events (about 300 bytes each, nested ECS, a mix of datasets) for the
 * bounded-memory test and the ingest benchmark. Deterministic for a given seed.
 */
public final class EventGenerator {

  private static final long START = Instant.parse("2026-05-04T00:00:00Z").getEpochSecond();
  private static final String[] USERS = {"ana.ruiz", "bo.chen", "carla.diaz", "dev.patel", "eli.kim", "fay.wong"};
  private static final String[] PROCESSES = {"chrome.exe", "Teams.exe", "AnyDesk.exe", "code.exe", "explorer.exe"};

  private EventGenerator() {}

  /**
   * Writes {@code files} files of {@code perFile} events each under {@code dir/events/}. Files
   * are in time order except file 0 when {@code firstUnsorted} is set.
   *
   * @return total bytes written
   */
  public static long write(Path dir, int files, long perFile, boolean firstUnsorted, long seed) {
    long bytes = 0;
    try {
      Files.createDirectories(dir.resolve("events"));
      for (int f = 0; f < files; f++) {
        Random random = new Random(seed + f);
        Path file = dir.resolve("events/gen-%03d.jsonl".formatted(f));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          long t = START * 1000 + f;
          for (long i = 0; i < perFile; i++) {
            long millis = firstUnsorted && f == 0
                ? START * 1000 + (long) (random.nextDouble() * perFile * 50)
                : (t += random.nextInt(100));
            String line = line(random, millis);
            w.write(line);
            w.write('\n');
            bytes += line.length() + 1;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  static String line(Random r, long millis) {
    String ts = Instant.ofEpochMilli(millis).toString();
    String user = USERS[r.nextInt(USERS.length)];
    String host = "h" + Integer.toHexString(0x100000 + r.nextInt(4096));
    String ip = (20 + r.nextInt(200)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    return switch (r.nextInt(4)) {
      case 0 -> "{\"@timestamp\":\"" + ts + "\",\"event\":{\"dataset\":\"idp.signin\",\"category\":[\"authentication\"],"
          + "\"action\":\"user.session.start\",\"outcome\":\"success\"},\"user\":{\"email\":\"" + user + "@example.com\"},"
          + "\"source\":{\"ip\":\"" + ip + "\"},\"user_agent\":{\"original\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0\"}}";
      case 1 -> "{\"@timestamp\":\"" + ts + "\",\"event\":{\"dataset\":\"endpoint.process\",\"action\":\"start\"},"
          + "\"host\":{\"id\":\"" + host + "\",\"name\":\"LT-" + host + "\"},\"user\":{\"name\":\"" + user + "\"},"
          + "\"process\":{\"name\":\"" + PROCESSES[r.nextInt(PROCESSES.length)] + "\",\"command_line\":\"--type=renderer --lang=en-US\","
          + "\"parent\":{\"name\":\"explorer.exe\"},\"pid\":" + r.nextInt(65536) + "}}";
      case 2 -> "{\"@timestamp\":\"" + ts + "\",\"event\":{\"dataset\":\"network.flow\"},\"host\":{\"id\":\"" + host + "\"},"
          + "\"source\":{\"ip\":\"192.168.1." + r.nextInt(255) + "\",\"bytes\":" + r.nextInt(100000) + "},"
          + "\"destination\":{\"ip\":\"" + ip + "\",\"port\":443,\"bytes\":" + r.nextInt(10000000) + ",\"domain\":\"www.example.org\"},"
          + "\"network\":{\"transport\":\"tcp\"}}";
      default -> "{\"@timestamp\":\"" + ts + "\",\"event\":{\"dataset\":\"proxy.http\",\"action\":\"request\"},"
          + "\"user\":{\"email\":\"" + user + "@example.com\"},\"host\":{\"id\":\"" + host + "\"},"
          + "\"url\":{\"domain\":\"github.com\",\"full\":\"https://github.com/org/repo/archive/main.zip\"},"
          + "\"http\":{\"request\":{\"method\":\"GET\"}},\"source\":{\"bytes\":" + r.nextInt(50000) + "}}";
    };
  }
}
