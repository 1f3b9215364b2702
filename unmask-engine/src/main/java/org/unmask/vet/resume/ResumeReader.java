package org.unmask.vet.resume;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.unmask.vet.files.DatasetFiles;

/**
 * Reads a resume's text without trusting the file. Plain text must decode as UTF-8 with almost
 * no control characters (else it is "binary, not text"). A PDF is parsed with PDFBox under four
 * guards: a {@link MemoryUsageSetting} cap on PDFBox's buffers, a page limit checked before any
 * text is extracted, a budget on the decompressed size of the page content streams (a
 * FlateDecode bomb expands kilobytes into gigabytes), and a wall-clock limit, enforced by reading
 * on a separate daemon thread; a parser stuck past it is abandoned and the resume rejected.
 * Deeply nested objects that overflow the parser's stack are caught and rejected too.
 */
final class ResumeReader {

  /** Limits; every one of them a refusal reason. */
  record Limits(long maxFileBytes, int maxPages, long maxPdfMemory, long maxDecodedBytes, int maxChars,
      long timeoutMillis) {
    static Limits defaults() {
      return new Limits(10L * 1024 * 1024, 40, 64L * 1024 * 1024, 32L * 1024 * 1024, 200_000, 10_000);
    }
  }

  /** The text, or why there is none. */
  record Text(String text, String problem) {
    boolean ok() {
      return text != null;
    }

    static Text refused(String why) {
      return new Text(null, why);
    }
  }

  private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "text", "md", "");
  private static final int MIN_WORDS = 20;

  private final DatasetFiles files;
  private final Limits limits;

  ResumeReader(DatasetFiles files, Limits limits) {
    this.files = files;
    this.limits = limits;
  }

  Text read(String name) {
    DatasetFiles.Resolved r = files.resolve(name, limits.maxFileBytes());
    if (!r.ok()) {
      return Text.refused(r.problem());
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(r.path());
    } catch (IOException e) {
      return Text.refused("resume cannot be read: " + e.getClass().getSimpleName());
    }
    String ext = DatasetFiles.extension(name);
    Text t;
    if (isPdf(bytes)) {
      t = pdf(bytes);
    } else if (ext.equals("pdf")) {
      return Text.refused("resume is named .pdf but is not a PDF");
    } else if (!TEXT_EXTENSIONS.contains(ext)) {
      return Text.refused("resume has extension '." + ext + "'; only plain text and PDF are read");
    } else {
      t = plain(bytes);
    }
    if (!t.ok()) {
      return t;
    }
    if (wordCount(t.text()) < MIN_WORDS) {
      return Text.refused("resume is empty or too short to compare (fewer than " + MIN_WORDS + " words)");
    }
    return t;
  }

  private static boolean isPdf(byte[] b) {
    // The header may follow a little junk; readers accept it within the first 1024 bytes.
    int end = Math.min(b.length - 5, 1024);
    for (int i = 0; i < end; i++) {
      if (b[i] == '%' && b[i + 1] == 'P' && b[i + 2] == 'D' && b[i + 3] == 'F' && b[i + 4] == '-') {
        return true;
      }
    }
    return false;
  }

  private Text plain(byte[] bytes) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    String s;
    try {
      CharBuffer cb = dec.decode(ByteBuffer.wrap(bytes));
      s = cb.toString();
    } catch (IOException e) {
      return Text.refused("resume is not UTF-8 text");
    }
    int bad = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\uFFFD' || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
        bad++;
      }
    }
    if (bad > s.length() / 50) {
      return Text.refused("resume is binary data, not text (" + bad + " of " + s.length() + " characters are not text)");
    }
    return new Text(s.length() > limits.maxChars() ? s.substring(0, limits.maxChars()) : s, null);
  }

  private Text pdf(byte[] bytes) {
    FutureTask<Text> task = new FutureTask<>(() -> parsePdf(bytes));
    Thread worker = new Thread(task, "unmask-resume-pdf");
    worker.setDaemon(true);
    worker.start();
    try {
      return task.get(limits.timeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      return Text.refused("PDF took longer than " + limits.timeoutMillis() + " ms to read; abandoned");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      return Text.refused("interrupted while reading the PDF");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StackOverflowError) {
        return Text.refused("PDF is nested too deeply to parse");
      }
      if (cause instanceof OutOfMemoryError) {
        return Text.refused("PDF needs more memory than allowed");
      }
      return Text.refused("PDF is corrupt or unreadable (" + cause.getClass().getSimpleName() + ")");
    }
  }

  private Text parsePdf(byte[] bytes) throws IOException {
    MemoryUsageSetting memory = MemoryUsageSetting.setupMainMemoryOnly(limits.maxPdfMemory());
    try (PDDocument doc = Loader.loadPDF(bytes, "", null, null, memory.streamCache)) {
      if (doc.isEncrypted()) {
        return Text.refused("PDF is encrypted");
      }
      int pages = doc.getNumberOfPages();
      if (pages > limits.maxPages()) {
        return Text.refused("PDF has " + pages + " pages, over the " + limits.maxPages() + "-page limit");
      }
      long decoded = 0;
      int seen = 0;
      for (PDPage page : doc.getPages()) {
        if (++seen > limits.maxPages()) {
          return Text.refused("PDF page tree holds more than " + limits.maxPages() + " pages");
        }
        Iterator<org.apache.pdfbox.pdmodel.common.PDStream> streams = page.getContentStreams();
        while (streams.hasNext()) {
          try (InputStream in = streams.next().createInputStream()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
              decoded += n;
              if (decoded > limits.maxDecodedBytes()) {
                return Text.refused("PDF content decompresses past " + limits.maxDecodedBytes()
                    + " bytes (a compression bomb?)");
              }
              if (Thread.currentThread().isInterrupted()) {
                return Text.refused("PDF reading abandoned");
              }
            }
          }
        }
      }
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setEndPage(limits.maxPages());
      StringWriter out = new CappedWriter(limits.maxChars());
      stripper.writeText(doc, out);
      return new Text(out.toString(), null);
    }
  }

  static int wordCount(String s) {
    int words = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean letter = Character.isLetterOrDigit(s.charAt(i));
      if (letter && !in) {
        words++;
      }
      in = letter;
    }
    return words;
  }

  /** A writer that stops keeping text past a cap, so a text-heavy PDF cannot fill memory. */
  private static final class CappedWriter extends StringWriter {
    private final int cap;

    CappedWriter(int cap) {
      this.cap = cap;
    }

    @Override
    public void write(String str, int off, int len) {
      int room = cap - getBuffer().length();
      if (room > 0) {
        super.write(str, off, Math.min(len, room));
      }
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      int room = cap - getBuffer().length();
      if (room > 0) {
        super.write(cbuf, off, Math.min(len, room));
      }
    }

    @Override
    public void write(int c) {
      if (getBuffer().length() < cap) {
        super.write(c);
      }
    }

    @Override
    public void write(String str) {
      write(str, 0, str.length());
    }
  }
}
