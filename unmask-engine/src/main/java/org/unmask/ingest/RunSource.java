package org.unmask.ingest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.unmask.event.Event;

/** Reads back one sorted run written by {@link ExternalSorter}, parsing each line again. */
final class RunSource extends EventSource {

  private final Path run;
  private final List<EventFile> files;
  private final List<VendorAdapter> hints;
  private final EventParser parser;
  private final RejectSink sink;
  private final DataInputStream in;
  private byte[] buffer = new byte[4096];

  RunSource(Path run, List<EventFile> files, List<VendorAdapter> hints, EventParser parser, RejectSink sink) {
    this.run = run;
    this.files = files;
    this.hints = hints;
    this.parser = parser;
    this.sink = sink;
    try {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 64 * 1024));
    } catch (IOException e) {
      throw new DatasetException("cannot read back sort run " + run + ": " + message(e), e);
    }
  }

  @Override
  boolean advance() {
    head = null;
    try {
      while (true) {
        try {
          in.readLong(); // the key is recomputed by the parse; kept in the file for readability
        } catch (EOFException end) {
          return false;
        }
        in.readInt();
        int file = in.readInt();
        long line = in.readLong();
        int len = in.readInt();
        if (len > buffer.length) {
          buffer = new byte[Math.max(len, buffer.length * 2)];
        }
        in.readFully(buffer, 0, len);
        EventFile f = files.get(file);
        // The line parsed once already when the run was written, so this cannot reject.
        Event e = parser.parse(buffer, 0, len, f.name(), line, hints.get(file), sink);
        if (e != null) {
          head = e;
          headFile = file;
          headLine = line;
          return true;
        }
      }
    } catch (IOException e) {
      throw new DatasetException("cannot read back sort run " + run + ": " + message(e), e);
    }
  }

  @Override
  void close() {
    closeQuietly(in);
  }
}
