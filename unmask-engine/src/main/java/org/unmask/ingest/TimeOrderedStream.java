package org.unmask.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.stream.Stream;
import org.unmask.event.Event;

/**
 * Every event file of a dataset merged into one stream ordered by {@code @timestamp}, in memory
 * bounded independently of the dataset's size.
 *
 * <h2>Design</h2>
 *
 * <ol>
 *   <li><b>Probe.</b> Before anything is emitted, each file is read once by {@link TimeProbe}, which
 *       only extracts timestamps (straight from the bytes for lines that start with
 *       {@code {"@timestamp":"..."}}, which is nearly all of them) and stops at the first
 *       timestamp that goes backwards. A pre-pass was chosen over optimistic run detection during
 *       the merge because an out-of-order line found mid-merge would come after events of other
 *       files already emitted; there is no way to take those back.
 *   <li><b>Sort what is not sorted.</b> Files that go backwards (and, beyond
 *       {@link ReadOptions#maxOpenFiles()}, the smallest sorted files, so file handles and buffers
 *       stay bounded) are fed to one {@link ExternalSorter}: lines are parsed (bad ones rejected
 *       here), held up to {@link ReadOptions#sortChunkBytes()}, sorted by (time, file, line) and
 *       spilled as runs into a temporary folder under {@link ReadOptions#spillDir()}.
 *   <li><b>Merge.</b> A {@link PriorityQueue} holds one cursor per sorted file ({@link FileSource},
 *       parsing lazily) and per run ({@link RunSource}), ordered by (time, file index in path
 *       order, line). Ties therefore resolve the same way on every machine.
 * </ol>
 *
 * <p>Memory: one 64 KiB read buffer (plus at most one line) per open file, one 64 KiB buffer per
 * run (runs beyond {@link ReadOptions#maxOpenFiles()} are first merged into longer ones), and the sort chunk while the stream is being opened. With the defaults (chunk = heap/8, at
 * most 64 MiB) a 5 GB dataset scans in a 512 MB heap. Cost: sorted files are read twice (probe,
 * stream) but parsed once; unsorted files are read twice and parsed twice. Temporary files are
 * deleted by {@link #close()}.
 *
 * <p>Rejections of sorted files are reported as the merge reaches them; rejections of sorted-by-us
 * files are reported while the stream is opened. Single-threaded by design: the pipeline owns
 * the other core.
 */
final class TimeOrderedStream implements EventStream {

  private final PriorityQueue<EventSource> queue = new PriorityQueue<>(EventSource::compare);
  private final List<EventSource> open = new ArrayList<>();
  private final EventSource.ByteCounter counter = new EventSource.ByteCounter();
  private Path spill;
  private boolean closed;

  TimeOrderedStream(List<EventFile> files, RejectSink sink, ReadOptions options) {
    try {
      start(files, sink, options);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void start(List<EventFile> files, RejectSink sink, ReadOptions options) {
    Adapters adapters = new Adapters();
    EventParser parser = new EventParser(adapters);
    List<VendorAdapter> hints = new ArrayList<>(files.size());
    for (EventFile f : files) {
      hints.add(adapters.hintFor(f.name()));
    }
    TimeProbe probe = new TimeProbe(parser, options.maxLineBytes());
    List<Integer> direct = new ArrayList<>();
    List<Integer> toSort = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      (probe.isSorted(files.get(i), hints.get(i)) ? direct : toSort).add(i);
    }
    if (direct.size() > options.maxOpenFiles()) {
      // keep the largest files streaming; sorting small ones is cheap
      direct.sort(Comparator.comparingLong((Integer i) -> files.get(i).bytes()).reversed()
          .thenComparing(i -> i));
      toSort.addAll(direct.subList(options.maxOpenFiles(), direct.size()));
      direct = new ArrayList<>(direct.subList(0, options.maxOpenFiles()));
      toSort.sort(null);
    }
    if (!toSort.isEmpty()) {
      sortInto(files, hints, toSort, parser, sink, options);
    }
    for (int i : direct) {
      FileSource s = new FileSource(files.get(i), i, parser, hints.get(i), sink,
          options.maxLineBytes(), counter);
      offer(s);
    }
  }

  private void sortInto(List<EventFile> files, List<VendorAdapter> hints, List<Integer> toSort,
      EventParser parser, RejectSink sink, ReadOptions options) {
    try {
      Files.createDirectories(options.spillDir());
      spill = Files.createTempDirectory(options.spillDir(), "unmask-sort-");
    } catch (IOException e) {
      throw new DatasetException("cannot create a folder for sorting in " + options.spillDir() + ": "
          + EventSource.message(e) + " — choose another spill folder", e);
    }
    ExternalSorter sorter = new ExternalSorter(spill, options.sortChunkBytes(), options.maxOpenFiles());
    int maxLine = options.maxLineBytes();
    for (int i : toSort) {
      EventFile file = files.get(i);
      LineReader lines = EventSource.open(file, maxLine, counter, sink);
      if (lines == null) {
        continue;
      }
      try {
        LineReader.Kind kind;
        while ((kind = lines.next()) != LineReader.Kind.END) {
          if (kind == LineReader.Kind.TOO_LONG) {
            sink.reject(new Rejection(file.name(), lines.lineNumber(), EventSource.tooLong(maxLine)));
          } else if (kind == LineReader.Kind.FAILED) {
            sink.reject(new Rejection(file.name(), lines.lineNumber(),
                EventSource.failureReason(file, lines.failure(), lines.lineNumber() - 1)));
            break;
          } else {
            Event e = parser.parse(lines.bytes(), lines.offset(), lines.length(), file.name(),
                lines.lineNumber(), hints.get(i), sink);
            if (e != null) {
              sorter.add(e.timestamp(), i, lines.lineNumber(), lines.bytes(), lines.offset(), lines.length());
            }
          }
        }
      } finally {
        EventSource.closeQuietly(lines);
      }
    }
    for (Path run : sorter.finish()) {
      offer(new RunSource(run, files, hints, parser, sink));
    }
  }

  private void offer(EventSource s) {
    open.add(s);
    if (s.advance()) {
      queue.add(s);
    } else {
      s.close();
    }
  }

  @Override
  public boolean hasNext() {
    return !queue.isEmpty();
  }

  @Override
  public Event next() {
    EventSource s = queue.poll();
    if (s == null) {
      throw new NoSuchElementException("no more events");
    }
    Event e = s.head;
    if (s.advance()) {
      queue.add(s);
    } else {
      s.close();
    }
    return e;
  }

  @Override
  public long bytesRead() {
    return counter.bytes;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    for (EventSource s : open) {
      s.close();
    }
    if (spill != null) {
      try (Stream<Path> paths = Files.list(spill)) {
        for (Path p : (Iterable<Path>) paths::iterator) {
          Files.deleteIfExists(p);
        }
        Files.deleteIfExists(spill);
      } catch (IOException ignored) {
        // best effort: the folder is under the temp dir and named unmask-sort-*
      }
    }
  }
}
