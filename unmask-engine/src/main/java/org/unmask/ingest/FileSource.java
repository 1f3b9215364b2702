package org.unmask.ingest;

import org.unmask.event.Event;

/** Streams a file that the probe found sorted: parse line by line, reject bad lines as met. */
final class FileSource extends EventSource {

  private final EventFile file;
  private final int index;
  private final EventParser parser;
  private final VendorAdapter hint;
  private final RejectSink sink;
  private final int maxLine;
  private final LineReader lines;

  FileSource(EventFile file, int index, EventParser parser, VendorAdapter hint, RejectSink sink,
      int maxLine, ByteCounter counter) {
    this.file = file;
    this.index = index;
    this.parser = parser;
    this.hint = hint;
    this.sink = sink;
    this.maxLine = maxLine;
    this.lines = open(file, maxLine, counter, sink);
  }

  @Override
  boolean advance() {
    head = null;
    if (lines == null) {
      return false;
    }
    while (true) {
      switch (lines.next()) {
        case LINE -> {
          Event e = parser.parse(lines.bytes(), lines.offset(), lines.length(), file.name(),
              lines.lineNumber(), hint, sink);
          if (e != null) {
            head = e;
            headFile = index;
            headLine = lines.lineNumber();
            return true;
          }
        }
        case TOO_LONG -> sink.reject(new Rejection(file.name(), lines.lineNumber(), tooLong(maxLine)));
        case FAILED -> {
          sink.reject(new Rejection(file.name(), lines.lineNumber(),
              failureReason(file, lines.failure(), lines.lineNumber() - 1)));
          return false;
        }
        case END -> {
          return false;
        }
      }
    }
  }

  @Override
  void close() {
    closeQuietly(lines);
  }
}
