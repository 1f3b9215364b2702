package org.unmask.analytics;

/**
 * When a detector of a pattern that goes on reports it again: every {@link #DAYS} days while the
 * detector sees enough new evidence of it. A habit kept for two months is stronger evidence than
 * one kept for two weeks and must not age away while it lasts; the risk policy still counts each
 * repeat less than the last.
 */
final class Refresh {

  static final int DAYS = 14;
  /** The last report's day before the first report. */
  static final long NEVER = Long.MIN_VALUE;

  private Refresh() {}

  /**
   * @param lastReportDay the day (epoch day) of the last report, or {@link #NEVER}
   * @param readyFirst whether the pattern is established enough for a first report
   * @param enoughNew whether enough new evidence came since the last report
   */
  static boolean due(long lastReportDay, long day, boolean readyFirst, boolean enoughNew) {
    return lastReportDay == NEVER ? readyFirst : day - lastReportDay >= DAYS && enoughNew;
  }
}
