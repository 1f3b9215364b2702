package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset more than twice the heap of a forked JVM (64 MB), with a large unsorted file, is read
 * in order to the end: nothing loads a file whole.
 */
class BoundedMemoryTest {

  @TempDir Path dir;
  @TempDir Path spill;

  @Test
  void datasetLargerThanTheHeap_withAnUnsortedFile_isReadInOrder() throws IOException, InterruptedException {
    long perFile = 110_000; // ~30 MB per file
    long bytes = EventGenerator.write(dir, 5, perFile, true, 11);
    assertThat(bytes).isGreaterThan(2 * (64L << 20));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            BoundedMemoryMain.class.getName(), dir.toString(), spill.toString())
        .redirectErrorStream(true)
        .start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("child finished").isTrue();
    assertThat(out).isEqualTo("ok " + (5 * perFile) + " 0");
    assertThat(p.exitValue()).isZero();
    try (var left = Files.list(spill)) {
      assertThat(left.toList()).isEqualTo(List.of());
    }
  }
}
