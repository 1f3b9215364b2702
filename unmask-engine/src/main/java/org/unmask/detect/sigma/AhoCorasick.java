package org.unmask.detect.sigma;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A multi-literal search automaton (Aho-Corasick, fully determinised). Characters are first mapped
 * to classes (only characters that occur in some literal get a class of their own; every other
 * character resets the automaton), so the transition table stays small. One scan costs one table
 * lookup per character of the value, whatever the number of literals.
 */
final class AhoCorasick {

  /** Receives the payload of every literal found (possibly several times). */
  interface Hits {
    void hit(int payload);
  }

  private final int[] asciiClass = new int[256];
  private final char[] otherChars;
  private final int[] otherClass;
  private final int classes;
  /** Transitions, state * classes + class; char-wide when the states fit (half the cache). */
  private final char[] narrow;
  private final int[] delta;
  private final int[][] outputs;

  AhoCorasick(List<String> literals, int[] payloads) {
    TreeSet<Character> alphabet = new TreeSet<>();
    int total = 1;
    for (String l : literals) {
      for (int i = 0; i < l.length(); i++) {
        alphabet.add(l.charAt(i));
      }
      total += l.length();
    }
    int cls = 1;
    int others = 0;
    for (char c : alphabet) {
      if (c >= 256) {
        others++;
      }
    }
    otherChars = new char[others];
    otherClass = new int[others];
    int o = 0;
    for (char c : alphabet) {
      if (c < 256) {
        asciiClass[c] = cls++;
      } else {
        otherChars[o] = c;
        otherClass[o++] = cls++;
      }
    }
    classes = cls;
    int[] table = new int[total * classes];
    Arrays.fill(table, -1);
    int[][] own = new int[total][];
    int states = 1;
    for (int p = 0; p < literals.size(); p++) {
      String l = literals.get(p);
      int s = 0;
      for (int i = 0; i < l.length(); i++) {
        int c = classOf(l.charAt(i));
        int next = table[s * classes + c];
        if (next < 0) {
          next = states++;
          table[s * classes + c] = next;
        }
        s = next;
      }
      own[s] = append(own[s], payloads[p]);
    }
    // Renumber the states breadth-first: the shallow states, where a scan spends nearly all its
    // time, then sit together at the start of the table and stay in cache.
    int[] order = new int[states];
    int[] renumbered = new int[states];
    order[0] = 0;
    int head = 0;
    int tail = 1;
    while (head < tail) {
      int s = order[head++];
      for (int c = 1; c < classes; c++) {
        int t = table[s * classes + c];
        if (t >= 0) {
          renumbered[t] = tail;
          order[tail++] = t;
        }
      }
    }
    int[] d = new int[states * classes];
    outputs = new int[states][];
    int[] fail = new int[states];
    for (int i = 0; i < states; i++) {
      int old = order[i];
      for (int c = 1; c < classes; c++) {
        int t = table[old * classes + c];
        d[i * classes + c] = t < 0 ? -1 : renumbered[t];
      }
      outputs[i] = own[old];
    }
    // breadth-first order is also the order failure links need: a state's failure is shallower
    for (int c = 1; c < classes; c++) {
      int t = d[c];
      if (t < 0) {
        d[c] = 0;
      } else {
        fail[t] = 0;
      }
    }
    for (int s = 1; s < states; s++) {
      int[] inherited = outputs[fail[s]];
      if (inherited != null) {
        int[] merged = outputs[s];
        for (int x : inherited) {
          merged = append(merged, x);
        }
        outputs[s] = merged;
      }
      for (int c = 1; c < classes; c++) {
        int t = d[s * classes + c];
        if (t < 0) {
          d[s * classes + c] = d[fail[s] * classes + c];
        } else {
          fail[t] = d[fail[s] * classes + c];
        }
      }
    }
    if (states <= Character.MAX_VALUE) {
      narrow = new char[d.length];
      for (int i = 0; i < d.length; i++) {
        narrow[i] = (char) d[i];
      }
      delta = null;
    } else {
      narrow = null;
      delta = d;
    }
  }

  private static int[] append(int[] a, int v) {
    if (a == null) {
      return new int[] {v};
    }
    for (int x : a) {
      if (x == v) {
        return a;
      }
    }
    int[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  private int classOf(char c) {
    if (c < 256) {
      return asciiClass[c];
    }
    if (otherChars.length == 0) {
      return 0;
    }
    int i = Arrays.binarySearch(otherChars, c);
    return i < 0 ? 0 : otherClass[i];
  }

  void scan(String s, Hits hits) {
    if (narrow != null) {
      scanNarrow(s, hits);
      return;
    }
    int state = 0;
    final int[] d = delta;
    final int n = classes;
    for (int i = 0, len = s.length(); i < len; i++) {
      char ch = s.charAt(i);
      int c = ch < 256 ? asciiClass[ch] : classOf(ch);
      if (c == 0) {
        state = 0;
        continue;
      }
      state = d[state * n + c];
      int[] out = outputs[state];
      if (out != null) {
        for (int p : out) {
          hits.hit(p);
        }
      }
    }
  }

  private void scanNarrow(String s, Hits hits) {
    int state = 0;
    final char[] d = narrow;
    final int n = classes;
    for (int i = 0, len = s.length(); i < len; i++) {
      char ch = s.charAt(i);
      int c = ch < 256 ? asciiClass[ch] : classOf(ch);
      if (c == 0) {
        state = 0;
        continue;
      }
      state = d[state * n + c];
      int[] out = outputs[state];
      if (out != null) {
        for (int p : out) {
          hits.hit(p);
        }
      }
    }
  }

  int states() {
    return outputs.length;
  }

  int tableBytes() {
    return narrow != null ? narrow.length * 2 : delta.length * 4;
  }
}
