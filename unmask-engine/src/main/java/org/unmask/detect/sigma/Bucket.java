package org.unmask.detect.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rules of one partition (one channel or dataset), indexed. Rules with prefilter clauses are
 * only evaluated when every clause saw one of its literals: one literal index per field
 * holds the literals of all rules for that field, and each hit sets the clause's bit in the rule's
 * mask. Exact literals (whole values too short to search for, such as a port) are looked up in
 * a hash map per field instead. Rules without clauses are evaluated on every event of the partition.
 */
final class Bucket {

  /** One rule as the bucket evaluates it. */
  record Entry(SigmaRule rule, Node root) {}

  private final Entry[] always;
  private final Entry[] indexed;
  /** What is evaluated for each rule: its condition, or the condition with a memory of verdicts. */
  private final Node[] alwaysTests;
  private final Node[] indexedTests;
  private final int[] fullMask;
  private final int[] scanSlots;
  private final GramIndex[] automata;
  /** Each automaton's number in the rule set: the index of its memo in a thread's scratch. */
  private final int[] automatonIds;
  /** Fields with exact literals, and for each, by lower-cased value, the ids of those literals. */
  private final int[] exactSlots;
  private final Map<String, int[]>[] exactValues;
  /**
   * For each of those fields, the lengths its literals have, one bit each (bit 63: 63 or more):
   * lower-casing keeps a value's length, so a value of another length is not lower-cased and
   * looked up at all. The Sysmon process-creation rules test four fields (Description, Product,
   * Company, FileVersion) for a value of one character, and every event has all four.
   */
  private final long[] exactLengths;
  /** By literal id: the (rule << 3 | clause) entries the literal satisfies. */
  private final int[][] clauses;

  /** Slots whose values a field index scans with the keyword literals, so the keyword index need not. */
  private final boolean[] coveredSlot;

  /**
   * @param slotKeys the event fields of each slot: the keyword literals are added to the index of
   *     every single-field slot, and the keyword index then only scans the other fields
   */
  Bucket(List<Entry> entries, String[][] slotKeys, java.util.concurrent.atomic.AtomicInteger automatonNumbers) {
    this(entries, slotKeys, automatonNumbers, -1);
  }

  /** @param splitSlot the field the partition is split by, whose clauses would always pass here; or -1 */
  Bucket(List<Entry> entries, String[][] slotKeys, java.util.concurrent.atomic.AtomicInteger automatonNumbers, int splitSlot) {
    List<Entry> alwaysList = new ArrayList<>();
    List<Entry> indexedList = new ArrayList<>();
    List<Integer> masks = new ArrayList<>();
    Map<Integer, List<String>> literalsBySlot = new LinkedHashMap<>();
    Map<Integer, List<Integer>> payloadsBySlot = new LinkedHashMap<>();
    Map<Integer, Map<String, List<Integer>>> exactBySlot = new LinkedHashMap<>();
    Map<Prefilter.Literal, Integer> literalIds = new LinkedHashMap<>();
    List<List<Integer>> clausesByLiteral = new ArrayList<>();
    for (Entry e : entries) {
      List<List<Prefilter.Literal>> clauses = Prefilter.of(e.root(), splitSlot);
      if (clauses.isEmpty()) {
        alwaysList.add(e);
        continue;
      }
      int local = indexedList.size();
      indexedList.add(e);
      masks.add((1 << clauses.size()) - 1);
      for (int c = 0; c < clauses.size(); c++) {
        for (Prefilter.Literal l : clauses.get(c)) {
          Integer id = literalIds.get(l);
          if (id == null) {
            id = literalIds.size();
            literalIds.put(l, id);
            clausesByLiteral.add(new ArrayList<>());
            if (l.exact()) {
              exactBySlot.computeIfAbsent(l.slot(), k -> new LinkedHashMap<>()).computeIfAbsent(l.text(), k -> new ArrayList<>()).add(id);
            } else {
              literalsBySlot.computeIfAbsent(l.slot(), k -> new ArrayList<>()).add(l.text());
              payloadsBySlot.computeIfAbsent(l.slot(), k -> new ArrayList<>()).add(id);
            }
          }
          clausesByLiteral.get(id).add(local << 3 | c);
        }
      }
    }
    boolean[] covered = new boolean[slotKeys.length];
    List<String> keywordLiterals = literalsBySlot.get(-1);
    if (keywordLiterals != null) {
      List<Integer> keywordPayloads = payloadsBySlot.get(-1);
      for (Map.Entry<Integer, List<String>> e : literalsBySlot.entrySet()) {
        int slot = e.getKey();
        if (slot >= 0 && slotKeys[slot].length == 1) {
          e.getValue().addAll(keywordLiterals);
          payloadsBySlot.get(slot).addAll(keywordPayloads);
          covered[slot] = true;
        }
      }
    }
    coveredSlot = covered;
    clauses = new int[clausesByLiteral.size()][];
    for (int i = 0; i < clauses.length; i++) {
      clauses[i] = distinct(clausesByLiteral.get(i));
    }
    always = alwaysList.toArray(Entry[]::new);
    indexed = indexedList.toArray(Entry[]::new);
    alwaysTests = tests(alwaysList);
    indexedTests = tests(indexedList);
    fullMask = ints(masks);
    exactSlots = new int[exactBySlot.size()];
    exactLengths = new long[exactBySlot.size()];
    @SuppressWarnings("unchecked")
    Map<String, int[]>[] exact = new Map[exactBySlot.size()];
    int x = 0;
    for (Map.Entry<Integer, Map<String, List<Integer>>> e : exactBySlot.entrySet()) {
      exactSlots[x] = e.getKey();
      exact[x] = new java.util.HashMap<>();
      for (Map.Entry<String, List<Integer>> v : e.getValue().entrySet()) {
        exact[x].put(v.getKey(), ints(v.getValue()));
        exactLengths[x] |= lengthBit(v.getKey().length());
      }
      x++;
    }
    exactValues = exact;
    scanSlots = new int[literalsBySlot.size()];
    automata = new GramIndex[literalsBySlot.size()];
    automatonIds = new int[literalsBySlot.size()];
    int i = 0;
    for (Map.Entry<Integer, List<String>> e : literalsBySlot.entrySet()) {
      scanSlots[i] = e.getKey();
      automata[i] = new GramIndex(e.getValue(), ints(payloadsBySlot.get(e.getKey())));
      automatonIds[i] = automatonNumbers.getAndIncrement();
      i++;
    }
  }

  // Plain loops rather than streams: a bucket is built when the first event of its kind arrives,
  // mostly in interpreted code, where a stream per literal (thousands of them) cost more than its work
  private static int[] ints(List<Integer> list) {
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  /** The values in their first order, each once (a literal satisfies a handful of clauses). */
  private static int[] distinct(List<Integer> list) {
    int[] out = new int[list.size()];
    int n = 0;
    outer:
    for (int value : list) {
      for (int j = 0; j < n; j++) {
        if (out[j] == value) {
          continue outer;
        }
      }
      out[n++] = value;
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  private static Node[] tests(List<Entry> entries) {
    Node[] tests = new Node[entries.size()];
    for (int i = 0; i < tests.length; i++) {
      tests[i] = Node.Remembered.of(entries.get(i).root());
    }
    return tests;
  }

  private static long lengthBit(int length) {
    return 1L << Math.min(length, 63);
  }

  int size() {
    return always.length + indexed.length;
  }

  int indexedCount() {
    return indexed.length;
  }

  int alwaysCount() {
    return always.length;
  }

  long automatonBytes() {
    long b = 0;
    for (GramIndex a : automata) {
      b += a.tableBytes();
    }
    return b;
  }

  /**
   * The loops live in methods of their own, and this one has none: a loop here would be compiled
   * on its own (on-stack replacement) each time its count of turns passed the threshold, and on
   * one core those compilations of the whole matcher, inlined, delayed the first events by
   * seconds before the method itself was compiled.
   */
  void match(Scratch scratch, Consumer<SigmaMatch> out) {
    if (indexed.length > 0) {
      scratch.prepare(indexed.length, clauses);
      scanFields(scratch);
      if (exactSlots.length > 0) {
        lookUpExactValues(scratch);
      }
      if (scratch.touchedCount > 0 && collectCandidates(scratch)) {
        evaluateCandidates(scratch, out);
      }
    }
    if (always.length > 0) {
      evaluateAlways(scratch, out);
    }
  }

  private void scanFields(Scratch scratch) {
    EventView view = scratch.view;
    for (int i = 0; i < automata.length; i++) {
      int slot = scanSlots[i];
      ScanMemo memo = scratch.memo(automatonIds[i]);
      if (slot < 0) {
        scanKeywords(automata[i], memo, view, scratch);
      } else {
        EventView.FieldValue v = view.value(slot);
        for (int k = 0; k < v.count; k++) {
          memo.scan(automata[i], v.original(k), scratch.chars(v.original(k).length()), scratch, false);
        }
      }
    }
  }

  private void lookUpExactValues(Scratch scratch) {
    EventView view = scratch.view;
    for (int i = 0; i < exactSlots.length; i++) {
      EventView.FieldValue v = view.value(exactSlots[i]);
      for (int k = 0; k < v.count; k++) {
        if ((exactLengths[i] & lengthBit(v.original(k).length())) == 0) {
          continue;
        }
        int[] ids = exactValues[i].get(v.lower(k));
        if (ids != null) {
          for (int id : ids) {
            scratch.hit(id);
          }
        }
      }
    }
  }

  /**
   * Marks the rules whose every clause was satisfied, as bits in rule order, so matches come out
   * in the same order whatever the scan found first, with no sort; true if there is any.
   */
  private boolean collectCandidates(Scratch scratch) {
    int[] touched = scratch.touched;
    int[] masks = scratch.masks;
    long[] candidates = scratch.candidates;
    boolean any = false;
    for (int t = 0; t < scratch.touchedCount; t++) {
      int r = touched[t];
      if (masks[r] == fullMask[r]) {
        candidates[r >>> 6] |= 1L << r;
        any = true;
      }
      masks[r] = 0;
    }
    return any;
  }

  private void evaluateCandidates(Scratch scratch, Consumer<SigmaMatch> out) {
    EventView view = scratch.view;
    long[] candidates = scratch.candidates;
    for (int w = 0, words = (indexed.length + 63) >>> 6; w < words; w++) {
      long bits = candidates[w];
      candidates[w] = 0;
      while (bits != 0) {
        int r = w << 6 | Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        if (indexedTests[r].eval(view)) {
          out.accept(new SigmaMatch(indexed[r].rule(), view.event()));
        }
      }
    }
  }

  private void evaluateAlways(Scratch scratch, Consumer<SigmaMatch> out) {
    EventView view = scratch.view;
    for (int r = 0; r < always.length; r++) {
      if (alwaysTests[r].eval(view)) {
        out.accept(new SigmaMatch(always[r].rule(), view.event()));
      }
    }
  }

  /**
   * Keyword literals: every value of the fields no field index has scanned already: strings, and
   * numbers and booleans as text when a literal could be in that text (a keyword {@code 4624}).
   */
  private void scanKeywords(GramIndex index, ScanMemo memo, EventView view, Scratch scratch) {
    Object[] values = view.entryValues;
    int[][] slots = view.entrySlots;
    for (int i = 0; i < view.entryCount; i++) {
      boolean covered = false;
      for (int slot : slots[i]) {
        covered |= coveredSlot[slot];
      }
      if (covered) {
        continue;
      }
      Object value = values[i];
      if (value instanceof String s) {
        if (!scratch.knownClear(i, index, s)) {
          if (index.mayContainAny(s)) {
            memo.scan(index, s, scratch.chars(s.length()), scratch, true);
          } else {
            scratch.rememberClear(i, index, s);
          }
        }
      } else if (!EventView.isPlainScalar(value) && value instanceof List<?> list) {
        for (Object item : list) {
          String s = item instanceof String text ? text : index.mayBeInScalarText() ? EventView.keywordText(item) : null;
          if (s != null && index.mayContainAny(s)) {
            memo.scan(index, s, scratch.chars(s.length()), scratch, true);
          }
        }
      } else if (value != null && index.mayBeInScalarText()) {
        String s = EventView.keywordText(value);
        if (s != null && index.mayContainAny(s)) {
          memo.scan(index, s, scratch.chars(s.length()), scratch, true);
        }
      }
    }
  }

  /** Per-thread working memory: the event view and the clause masks of the indexed rules. */
  static final class Scratch implements GramIndex.Hits {
    final EventView view;
    /** The partition field's value in the last event, and the partition it chose (null: none). */
    Object lastPartitionValue;
    Partition lastPartition;
    int[] masks = new int[64];
    int[] touched = new int[64];
    int touchedCount;
    /** The rules whose every clause was satisfied, one bit each; cleared as they are evaluated. */
    long[] candidates = new long[1];

    Scratch(EventView view) {
      this(view, true);
    }

    /** @param remembers whether literal indexes get memories of recent values ({@link ScanMemo}) */
    Scratch(EventView view, boolean remembers) {
      this.view = view;
      this.remembers = remembers;
    }

    private final boolean remembers;

    private int[][] clauses;
    private int[] seen = new int[64];
    private ScanMemo[] memos = new ScanMemo[16];
    private int memoCount;
    private char[] chars = new char[256];

    /**
     * By position in the event's fields, the last value there that could hold none of an index's
     * keywords: the channel, the provider, the host and the user of the event before are usually
     * this event's too, and comparing costs less than testing their characters again.
     */
    private static final int CLEAR_POSITIONS = 128;
    private final String[] clearValue = new String[CLEAR_POSITIONS];
    private final GramIndex[] clearFor = new GramIndex[CLEAR_POSITIONS];

    boolean knownClear(int position, GramIndex index, String value) {
      return position < CLEAR_POSITIONS && clearFor[position] == index && value.equals(clearValue[position]);
    }

    void rememberClear(int position, GramIndex index, String value) {
      if (position < CLEAR_POSITIONS) {
        clearFor[position] = index;
        clearValue[position] = value;
      }
    }

    /** A work array for the characters of a value being scanned. */
    char[] chars(int length) {
      if (chars.length < length) {
        chars = new char[Math.max(length, chars.length * 2)];
      }
      return chars;
    }

    /** The memo of one automaton of the rule set, made on first use: most partitions are rare. */
    ScanMemo memo(int automaton) {
      if (automaton >= memos.length) {
        memos = java.util.Arrays.copyOf(memos, Math.max(automaton + 1, memos.length * 2));
      }
      ScanMemo m = memos[automaton];
      if (m == null) {
        m = remembers && memoCount < ScanMemo.MAX_PER_THREAD ? new ScanMemo() : ScanMemo.NONE_LEFT;
        memoCount += m == ScanMemo.NONE_LEFT ? 0 : 1;
        memos[automaton] = m;
      }
      return m;
    }
    private int generation;

    void prepare(int rules, int[][] literalClauses) {
      if (masks.length < rules) {
        masks = new int[rules];
        touched = new int[rules];
      }
      if (candidates.length * 64 < rules) {
        candidates = new long[(rules + 63) >>> 6];
      }
      if (seen.length < literalClauses.length) {
        seen = new int[literalClauses.length];
      }
      clauses = literalClauses;
      touchedCount = 0;
      if (++generation == Integer.MAX_VALUE) {
        java.util.Arrays.fill(seen, 0);
        generation = 1;
      }
    }

    /** A literal was found: the first time in this event, its clauses are marked. */
    @Override
    public void hit(int literal) {
      if (seen[literal] == generation) {
        return;
      }
      seen[literal] = generation;
      for (int payload : clauses[literal]) {
        int r = payload >>> 3;
        if (masks[r] == 0) {
          touched[touchedCount++] = r;
        }
        masks[r] |= 1 << (payload & 7);
      }
    }
  }
}
