package org.unmask.flink;

/**
 * The topic layout under one prefix {@code P} (docs/deploy-flink.md): events come in on
 * {@code P.events} (one JSON line per record, keyed by person or host, record time = event time,
 * headers {@code unmask.file} and {@code unmask.line} for evidence) and reference files on
 * {@code P.reference} (key = path, value = the CSV); conclusions go out on
 * {@code P.findings}, {@code P.persons}, {@code P.cases} and {@code P.farms} keyed by id
 * (compacted; a null value is a tombstone), bad lines on {@code P.rejected} and events beyond the
 * allowed lateness on {@code P.late}.
 */
public final class Topics {

  /** Header naming the file an event line came from, for evidence. */
  public static final String FILE_HEADER = "unmask.file";

  /** Header with the line number in that file, as decimal text. */
  public static final String LINE_HEADER = "unmask.line";

  private Topics() {}

  public static String events(String prefix) {
    return prefix + ".events";
  }

  /** Reference files by path (people.csv, watchlists/x.csv...), compacted; see docs/deploy-flink.md. */
  public static String reference(String prefix) {
    return prefix + ".reference";
  }

  /** An output topic: {@code findings}, {@code persons}, {@code cases}, {@code farms}, {@code rejected}, {@code late}. */
  public static String output(String prefix, String kind) {
    return prefix + "." + kind;
  }
}
