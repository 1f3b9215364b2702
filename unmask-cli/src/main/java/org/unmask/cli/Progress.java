package org.unmask.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.unmask.scan.ScanListener;

/**
 * Scan progress on stderr: a redrawn bar with events/s and ETA on a terminal, a plain line every
 * ten seconds otherwise (logs, CI), nothing when quiet.
 */
final class Progress implements ScanListener {

  private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;
  private static final long BAR_INTERVAL_NANOS = 200_000_000L;

  private final PrintStream err;
  private final boolean terminal;
  private final boolean quiet;
  private final long totalBytes;
  private final long started = System.nanoTime();
  private long lastDrawn;
  private boolean drewBar;

  Progress(PrintStream err, boolean terminal, boolean quiet, long totalBytes) {
    this.err = err;
    this.terminal = terminal;
    this.quiet = quiet;
    this.totalBytes = totalBytes;
  }

  static boolean isTerminal() {
    return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
  }

  @Override
  public void progress(long events, long bytesRead) {
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDrawn < (terminal ? BAR_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
      return;
    }
    lastDrawn = now;
    double seconds = Math.max((now - started) / 1e9, 1e-3);
    double rate = events / seconds;
    double fraction = totalBytes <= 0 ? 0 : Math.min(1, (double) bytesRead / totalBytes);
    String eta = fraction <= 0 ? "?" : formatSeconds(seconds / fraction - seconds);
    if (terminal) {
      int width = 30;
      int filled = (int) Math.round(fraction * width);
      err.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%%  %,d events  %,.0f/s  ETA %s   ",
          "#".repeat(filled), " ".repeat(width - filled), fraction * 100, events, rate, eta));
      drewBar = true;
    } else {
      err.println(String.format(Locale.ROOT, "unmask: %,d events read (%.0f%%), %,.0f events/s, ETA %s",
          events, fraction * 100, rate, eta));
    }
    err.flush();
  }

  /** Ends the bar's line so later output starts cleanly. */
  void done() {
    if (drewBar) {
      err.println();
    }
  }

  static String formatSeconds(double s) {
    long total = Math.round(s);
    return total >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", total / 3600, (total % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", total / 60, total % 60);
  }
}
