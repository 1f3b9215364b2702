package org.unmask.detect.sigma;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.unmask.concurrent.InOrder;

/**
 * Reads rule files into YAML documents, ahead of the loader and on the cores it leaves idle.
 * Reading and parsing YAML is most of the work of loading a rule set and needs nothing from the
 * other files, while compiling rules shares the rule set's field slots and duplicate-id table:
 * so worker threads parse, and the loader's own thread receives the files in their given order
 * and compiles them one by one, reporting each file's problems where a sequential load would.
 * With one core there are no workers; the result is the same either way.
 */
final class RuleFiles {

  private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
  /** Files parsed ahead of the loader, at most: bounds the memory of a folder of 4-MiB files. */
  private static final int AHEAD = 64;
  private static final int MAX_WORKERS = 4;

  /**
   * One file, parsed.
   *
   * @param problems what reading and parsing found, in order (the documents are those that parsed)
   */
  record Parsed(String file, List<YamlDocument> documents, List<LoadProblem> problems) {}

  private RuleFiles() {}

  /** Worker threads to parse with: the cores beyond the loader's own, up to {@link #MAX_WORKERS}. */
  static int defaultWorkers() {
    return Math.min(Runtime.getRuntime().availableProcessors() - 1, MAX_WORKERS);
  }

  /**
   * Hands each file, parsed (or read back from {@code cache}), to {@code loader} in the order
   * given; {@code workers} 0 parses on this thread.
   */
  static void forEach(List<Path> files, int workers, CachedRuleFiles cache, Consumer<Parsed> loader) {
    if (workers <= 0 || files.size() < 2) {
      for (Path f : files) {
        loader.accept(parse(f, cache));
      }
      return;
    }
    try (InOrder<Parsed> parsed = new InOrder<>(workers, AHEAD, "unmask-rule-files", loader)) {
      for (Path f : files) {
        parsed.submit(() -> parse(f, cache));
      }
      parsed.finish();
    }
  }

  /**
   * Reads one file as UTF-8 and parses its documents, unless {@code cache} holds the file with the
   * same bytes; every failure becomes a problem of the file.
   */
  static Parsed parse(Path path, CachedRuleFiles cache) {
    String file = path.toString();
    List<LoadProblem> problems = new ArrayList<>();
    byte[] bytes;
    String text;
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        problems.add(LoadProblem.error(file, 1, "file larger than 4 MiB", "split the rule collection"));
        return new Parsed(file, List.of(), problems);
      }
      bytes = Files.readAllBytes(path);
      Parsed cached = cache.lookup(file, bytes);
      if (cached != null) {
        return cached;
      }
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      problems.add(LoadProblem.error(file, 1, "not UTF-8 text", "save the rule as UTF-8"));
      return new Parsed(file, List.of(), problems);
    } catch (IOException e) {
      problems.add(LoadProblem.error(file, 1, "cannot read: " + e.getMessage(), "check the path and permissions"));
      return new Parsed(file, List.of(), problems);
    }
    Parsed parsed = new Parsed(file, YamlDocuments.read(text, file, problems::add), problems);
    cache.remember(file, bytes, parsed);
    return parsed;
  }
}
