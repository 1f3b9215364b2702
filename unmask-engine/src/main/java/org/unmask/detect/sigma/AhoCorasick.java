package org.unmask.detect.sigma;

import java.util.ArrayDeque;
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

  private final int[] asciiClass = new int[128];
  private final char[] otherChars;
  private final int[] otherClass;
  private final int classes;
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
      if (c >= 128) {
        others++;
      }
    }
    otherChars = new char[others];
    otherClass = new int[others];
    int o = 0;
    for (char c : alphabet) {
      if (c < 128) {
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
    delta = Arrays.copyOf(table, states * classes);
    outputs = new int[states][];
    int[] fail = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < classes; c++) {
      int t = delta[c];
      if (t < 0 || c == 0) {
        delta[c] = 0;
      } else {
        fail[t] = 0;
        queue.add(t);
      }
    }
    outputs[0] = own[0];
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int[] merged = own[s];
      int[] inherited = outputs[fail[s]];
      if (inherited != null) {
        for (int x : inherited) {
          merged = append(merged, x);
        }
      }
      outputs[s] = merged;
      for (int c = 1; c < classes; c++) {
        int t = delta[s * classes + c];
        if (t < 0) {
          delta[s * classes + c] = delta[fail[s] * classes + c];
        } else {
          fail[t] = delta[fail[s] * classes + c];
          queue.add(t);
        }
      }
      delta[s * classes] = 0;
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
    if (c < 128) {
      return asciiClass[c];
    }
    int i = Arrays.binarySearch(otherChars, c);
    return i < 0 ? 0 : otherClass[i];
  }

  void scan(String s, Hits hits) {
    int state = 0;
    final int[] d = delta;
    final int n = classes;
    for (int i = 0, len = s.length(); i < len; i++) {
      char ch = s.charAt(i);
      int c = ch < 128 ? asciiClass[ch] : classOf(ch);
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
    return delta.length * 4;
  }
}
