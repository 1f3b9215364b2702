package org.unmask.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Fixtures shared by the ingest tests: shared samples and tiny dataset folders. */
public final class TestDatasets {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestDatasets() {}

  /** The shared folder (/work/shared) the build passes as {@code unmask.shared}. */
  public static Path shared() {
    String dir = System.getProperty("unmask.shared");
    if (dir == null) {
      throw new IllegalStateException("system property unmask.shared is not set (surefire sets it)");
    }
    return Path.of(dir);
  }

  /** Writes text lines to a file, creating folders. */
  public static Path write(Path file, String... lines) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The vendor records of a Panther test-event file ({@code {"log": {...}}} per line), one compact
   * JSON line each, keeping only those whose {@code log_types} contain {@code logType} (any when
   * null).
   */
  public static List<String> pantherLogs(String file, String logType) {
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(shared().resolve("data/sample-logs/panther-test-events").resolve(file))) {
        JsonNode node = JSON.readTree(line);
        if (logType != null && !node.path("log_types").toString().contains(logType)) {
          continue;
        }
        out.add(JSON.writeValueAsString(node.get("log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every JSON object of Sigma's regression data (pretty-printed, several per file), compacted. */
  public static List<String> sigmaRegressionEvents() {
    List<String> out = new ArrayList<>();
    Path root = shared().resolve("data/sigma/regression_data");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try (JsonParser parser = JSON.getFactory().createParser(p.toFile());
            MappingIterator<JsonNode> it = JSON.readValues(parser, JsonNode.class)) {
          while (it.hasNext()) {
            out.add(JSON.writeValueAsString(it.next()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
