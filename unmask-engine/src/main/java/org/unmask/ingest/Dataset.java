package org.unmask.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.unmask.event.Event;
import org.unmask.reference.ReferenceData;

/**
 * A dataset folder as the contract defines it: {@code people.csv}, {@code devices.csv},
 * {@code applicants.csv}, {@code payroll.csv}, {@code watchlists/*.csv} and
 * {@code events/**}{@code /*.jsonl[.gz]}. Every part is optional.
 *
 * <pre>{@code
 * Dataset ds = Dataset.open(folder);
 * ReferenceData ref = ds.readReference(rejects::add);
 * try (EventStream events = ds.events(rejects::add, ReadOptions.defaults())) {
 *   while (events.hasNext()) { Event e = events.next(); ... }
 * }
 * }</pre>
 *
 * Bad records go to the {@link RejectSink} with file, line and reason, and reading continues;
 * only a dataset that cannot be read at all raises {@link DatasetException}.
 */
public final class Dataset {

  private final Path folder;
  private final List<EventFile> eventFiles;

  private Dataset(Path folder, List<EventFile> eventFiles) {
    this.folder = folder;
    this.eventFiles = List.copyOf(eventFiles);
  }

  /**
   * Opens a dataset folder and lists its event files.
   *
   * @throws DatasetException when the folder does not exist or is not a folder
   */
  public static Dataset open(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new DatasetException(
          "no such folder: " + folder + " — pass the folder that holds people.csv and events/");
    }
    return new Dataset(folder, listEventFiles(folder));
  }

  /** The dataset folder. */
  public Path folder() {
    return folder;
  }

  /** The event files found, in path order (the order that breaks timestamp ties). */
  public List<EventFile> eventFiles() {
    return eventFiles;
  }

  /** Total on-disk size of the event files, for progress reporting. */
  public long eventBytes() {
    return eventFiles.stream().mapToLong(EventFile::bytes).sum();
  }

  /**
   * Reads the CSV files. Bad rows are rejected; a missing file reads as empty.
   *
   * @throws DatasetException when people.csv exists but cannot be read
   */
  public ReferenceData readReference(RejectSink sink) {
    return new ReferenceReader(folder, sink).read();
  }

  /** The events of every event file in time order; close the stream when done. */
  public EventStream events(RejectSink sink, ReadOptions options) {
    return new TimeOrderedStream(eventFiles, sink, options);
  }

  /** {@link #events(RejectSink, ReadOptions)} with {@link ReadOptions#defaults()}. */
  public EventStream events(RejectSink sink) {
    return events(sink, ReadOptions.defaults());
  }

  /**
   * Reads one JSON-lines file (plain or {@code .gz}) — or a {@code .json} file of one or more
   * objects, pretty-printed or not — in file order, with the same parsing,
   * adapters and rejections as a dataset: for rule samples and small fixtures. The file name in
   * events and rejections is the file's own name. Vendor lines are recognised by shape only (a
   * folder such as {@code rules/windows/} is not a vendor hint).
   */
  public static List<Event> readEvents(Path file, RejectSink sink) {
    String name = file.getFileName().toString();
    if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return readJsonObjects(file, name, sink);
    }
    EventFile ef = new EventFile(file, name, size(file), name.endsWith(".gz"));
    Adapters adapters = new Adapters();
    EventParser parser = new EventParser(adapters);
    List<Event> out = new ArrayList<>();
    FileSource source = new FileSource(ef, 0, parser, null, sink, ReadOptions.DEFAULT_MAX_LINE_BYTES, null);
    try {
      while (source.advance()) {
        out.add(source.head);
      }
    } finally {
      source.close();
    }
    return out;
  }

  /**
   * A {@code .json} file holding one or more (possibly pretty-printed) objects one after another,
   * as in Sigma's regression data; each event's line is the line where its object starts.
   */
  private static List<Event> readJsonObjects(Path file, String name, RejectSink sink) {
    EventParser parser = new EventParser(new Adapters());
    List<Event> out = new ArrayList<>();
    long line = 1;
    try (com.fasterxml.jackson.core.JsonParser p = parser.factory().createParser(file.toFile())) {
      com.fasterxml.jackson.core.JsonToken t;
      while ((t = p.nextToken()) != null) {
        line = p.currentTokenLocation().getLineNr();
        if (t != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
          sink.reject(new Rejection(name, line, "expected a JSON object, got " + EventParser.describe(t)));
          p.skipChildren();
          continue;
        }
        Event e = parser.toEvent(parser.flattenObject(p), name, line, null, sink);
        if (e != null) {
          out.add(e);
        }
      }
    } catch (IOException e) {
      sink.reject(new Rejection(name, line, "not JSON: " + EventSource.message(e) + "; rest of file skipped"));
    }
    return out;
  }

  private static List<EventFile> listEventFiles(Path folder) {
    Path events = folder.resolve("events");
    if (!Files.isDirectory(events)) {
      return List.of();
    }
    List<EventFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(events)) {
      walk.filter(Files::isRegularFile).forEach(p -> {
        String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gz = lower.endsWith(".jsonl.gz");
        if (gz || lower.endsWith(".jsonl")) {
          String name = folder.relativize(p).toString().replace('\\', '/');
          files.add(new EventFile(p, name, size(p), gz));
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new DatasetException("cannot list " + events + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(EventFile::name));
    return files;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
