package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo world as a careless export or an attacker leaves it: CSV cells of the wrong kind, rows
 * cut short, doubled or widened, event fields of the wrong JSON type or nested past sense,
 * photos and resumes truncated or replaced by noise, and the folder itself disordered (gzip cut
 * short, followed by garbage, split in two members or not gzip at all, empty files and files of
 * NULs, a folder where a file belongs, odd dataset folder names, stray files). `unmask scan` reads
 * every such world to the end, exits 0 and prints no stack trace: bad records are rejected, never
 * a crash. (people.csv as a folder is the one layout that stops a scan, with exit 2 and a message,
 * by design: there is no one to attribute anything to.)
 */
class MutatedWorldTest {

  private static final Path DEMO = Path.of("..", "examples", "demo");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] STRANGE_CELLS = {"", "null", "-1", "99999999999999999999", "2026-13-45", "1e309", "abc",
      "\"unterminated", "x".repeat(10_000), "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "NaN", "0x10", " ", "\t",
      "../../etc/passwd", "2026-02-30", "0", "true", "[]", "\u202e", "9999-12-31", "-0", "🙂"};

  @Test
  void brokenWorlds_areScannedToTheEnd_neverACrash(@TempDir Path dir) throws IOException {
    // -Dunmask.fuzz.seeds=400 scans 50 worlds; the suite's default scans 5
    int worlds = Math.max(1, Integer.getInteger("unmask.fuzz.seeds", 40) / 8);
    Random random = new Random(3);
    for (int w = 0; w < worlds; w++) {
      Path world = dir.resolve("world" + w);
      copy(DEMO, world);
      List<String> what = new ArrayList<>();
      for (int m = 0; m < 3; m++) {
        what.add(mutate(world, random));
      }
      PrintStream before = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status;
      try {
        status = UnmaskCli.run(new String[] {"scan", world.toString(), "--out", dir.resolve("out" + w).toString(), "-q",
            "--key-file", dir.resolve("key").toString()});
      } finally {
        System.setErr(before);
      }
      String said = err.toString(StandardCharsets.UTF_8);
      assertThat(status).as("%s\n%s", what, said).isZero();
      assertThat(said).as("%s", what).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(dir.resolve("out" + w).resolve("report.html")).as("%s", what).exists();
    }
  }

  private static String mutate(Path world, Random random) throws IOException {
    return switch (random.nextInt(7)) {
      case 0, 1 -> mutateCsv(world, random);
      case 2, 3 -> mutateEvent(world, random);
      case 4 -> mutateFile(world, random);
      default -> mutateLayout(world, random);
    };
  }

  private static final String[] ODD_FOLDERS = {"okta", "sysmon", "windows", "osquery", "entra", "x".repeat(200), "éü",
      ".hidden", "a b", "endpoint.process.old"};

  private static String mutateLayout(Path world, Random random) throws IOException {
    Path events = world.resolve("events");
    List<Path> gz = files(events, p -> p.toString().endsWith(".gz"));
    Path file = gz.isEmpty() ? null : gz.get(random.nextInt(gz.size()));
    int how = file == null ? 6 : random.nextInt(8);
    switch (how) {
      case 0 -> {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length))));
      }
      case 1 -> {
        byte[] noise = new byte[1 + random.nextInt(500)];
        random.nextBytes(noise);
        Files.write(file, noise, java.nio.file.StandardOpenOption.APPEND);
      }
      case 2 -> Files.write(file, gunzip(file)); // plain text under a .gz name
      case 3 -> {
        byte[] text = gunzip(file);
        int half = text.length / 2;
        try (OutputStream out = Files.newOutputStream(file)) { // two gzip members, as `cat a.gz b.gz` makes
          out.write(gzip(java.util.Arrays.copyOfRange(text, 0, half)));
          out.write(gzip(java.util.Arrays.copyOfRange(text, half, text.length)));
        }
      }
      case 4 -> {
        List<Path> targets = new ArrayList<>(gz);
        targets.addAll(files(world, p -> p.toString().endsWith(".csv") && !p.endsWith("people.csv")));
        file = targets.get(random.nextInt(targets.size()));
        byte[][] contents = {new byte[0], "\n\n".getBytes(StandardCharsets.UTF_8), {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, " ".getBytes(StandardCharsets.UTF_8), new byte[100]};
        Files.write(file, contents[random.nextInt(contents.length)]);
      }
      case 5 -> {
        Files.delete(file);
        Files.createDirectories(file); // a folder where a file belongs
      }
      case 6 -> {
        String[] names = {"stray.jsonl", "notes.txt", "x.json", "y.jsonl.gz", "z.csv"};
        file = events.resolve(names[random.nextInt(names.length)]);
        byte[][] contents = {"{\"a\":1}\n".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8),
            gzip("{\"@timestamp\":\"2026-03-02T00:00:00Z\",\"event\":{\"dataset\":\"idp.signin\"}}\n".getBytes(StandardCharsets.UTF_8))};
        Files.write(file, contents[random.nextInt(contents.length)]);
      }
      default -> {
        Path folder = file.getParent();
        Path renamed = events.resolve(ODD_FOLDERS[random.nextInt(ODD_FOLDERS.length)]);
        if (Files.exists(renamed)) {
          return "nothing";
        }
        Files.move(folder, renamed);
        return "layout rename " + world.relativize(folder) + " to " + world.relativize(renamed);
      }
    }
    return "layout " + world.relativize(file) + " how " + how;
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  private static String mutateCsv(Path world, Random random) throws IOException {
    List<Path> files = files(world, p -> p.toString().endsWith(".csv"));
    Path file = files.get(random.nextInt(files.size()));
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    if (lines.size() < 2) {
      return "nothing";
    }
    int i = 1 + random.nextInt(lines.size() - 1);
    List<String> cells = new ArrayList<>(List.of(lines.get(i).split(",", -1)));
    int how = random.nextInt(4);
    switch (how) {
      case 0 -> cells.set(random.nextInt(cells.size()), STRANGE_CELLS[random.nextInt(STRANGE_CELLS.length)]);
      case 1 -> cells.subList(Math.max(0, cells.size() - 1 - random.nextInt(3)), cells.size()).clear();
      case 2 -> cells.addAll(List.of("extra", "cells"));
      default -> lines.add(i, lines.get(i));
    }
    if (how != 3) {
      lines.set(i, String.join(",", cells));
    }
    Files.write(file, lines);
    return "csv " + world.relativize(file) + " line " + (i + 1) + " how " + how;
  }

  private static String mutateEvent(Path world, Random random) throws IOException {
    List<Path> files = files(world.resolve("events"), p -> p.toString().endsWith(".jsonl.gz"));
    Path file = files.get(random.nextInt(files.size()));
    List<String> lines;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      lines = new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)));
    }
    int k = random.nextInt(lines.size());
    if (lines.get(k).isBlank()) {
      return "nothing";
    }
    JsonNode root = JSON.readTree(lines.get(k));
    List<ObjectNode> objects = new ArrayList<>();
    collect(root, objects);
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    List<String> names = new ArrayList<>();
    target.fieldNames().forEachRemaining(names::add);
    String name = names.isEmpty() ? "added" : names.get(random.nextInt(names.size()));
    target.set(name, strange(random));
    lines.set(k, JSON.writeValueAsString(root));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
    return "event " + world.relativize(file) + " line " + (k + 1) + " field " + name;
  }

  private static String mutateFile(Path world, Random random) throws IOException {
    List<Path> files = files(world.resolve("files"), Files::isRegularFile);
    Path file = files.get(random.nextInt(files.size()));
    byte[] bytes = Files.readAllBytes(file);
    int how = random.nextInt(3);
    byte[] broken = switch (how) {
      case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length)));
      case 1 -> {
        byte[] noise = new byte[2000];
        random.nextBytes(noise);
        yield noise;
      }
      default -> new byte[0];
    };
    Files.write(file, broken);
    return "file " + world.relativize(file) + " how " + how;
  }

  private static JsonNode strange(Random random) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (random.nextInt(9)) {
      case 0 -> nodes.nullNode();
      case 1 -> nodes.numberNode(Long.MAX_VALUE);
      case 2 -> nodes.numberNode(-1);
      case 3 -> nodes.booleanNode(true);
      case 4 -> nodes.textNode("2026-13-45T99:99:99Z");
      case 5 -> nodes.textNode("x".repeat(100_000));
      case 6 -> nodes.objectNode().put("a", 1);
      case 7 -> nodes.arrayNode().add("s").add(1).addNull();
      default -> {
        ObjectNode deep = nodes.objectNode();
        ObjectNode at = deep;
        for (int i = 0; i < 100; i++) {
          at = at.putObject("d");
        }
        yield deep;
      }
    };
  }

  private static void collect(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode o) {
      out.add(o);
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      collect(it.next(), out);
    }
  }

  private static List<Path> files(Path root, java.util.function.Predicate<Path> which) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(which).sorted().toList();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
