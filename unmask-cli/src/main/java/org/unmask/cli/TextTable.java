package org.unmask.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain left-aligned text table; cells are cut at 60 characters and stripped of control characters. */
final class TextTable {

  private static final int MAX = 60;
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... header) {
    rows.add(header);
  }

  void row(String... cells) {
    String[] clean = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      clean[i] = clean(cells[i]);
    }
    rows.add(clean);
  }

  // Fields come from log data: a cell must not be able to move the cursor or fake a new line.
  static String clean(String s) {
    if (s == null) {
      return "-";
    }
    String t = s.replaceAll("\\p{Cntrl}", " ");
    return t.length() > MAX ? t.substring(0, MAX - 1) + "…" : t;
  }

  void print(PrintWriter out) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) {
          line.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
