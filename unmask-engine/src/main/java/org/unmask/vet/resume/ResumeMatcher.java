package org.unmask.vet.resume;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.unmask.vet.IdClusters;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.unmask.reference.Applicant;
import org.unmask.vet.files.DatasetFiles;

/**
 * Finds applicants whose resumes are one text: a copy with another name on top and a few lines
 * changed. Signatures ({@link MinHash}) are split into {@link #BANDS} bands of {@link #ROWS}
 * slots; two resumes become a candidate when any band is identical (LSH), which makes a pair with
 * Jaccard similarity J a candidate with probability {@code 1-(1-J^4)^32}: 0.99 at J=0.6, 0.74 at J=0.45, 0.003 at
 * J=0.1. Candidates are confirmed when the estimated similarity reaches {@link #MIN_SIMILARITY}
 * (measured in docs/EVALUATION.md, "Resume matcher"). Scales linearly with the number of resumes.
 */
public final class ResumeMatcher {

  static final int BANDS = 32;
  static final int ROWS = MinHash.SLOTS / BANDS;
  static final double MIN_SIMILARITY = 0.45;
  static final int KEPT_CHARS = 20_000;

  /** Two applicants' resumes that are one text; {@code cluster} names the group of copies. */
  public record Match(String applicantA, String applicantB, double similarity, String cluster) {}

  /** A resume that could not be used, and why. */
  public record Problem(String applicantId, String file, String reason) {}

  /** What a run found, and the text it read (for claims and organisation names). */
  public record Result(List<Match> matches, List<Problem> problems, Map<String, String> texts) {}

  private final ResumeReader reader;

  public ResumeMatcher(DatasetFiles files) {
    this.reader = new ResumeReader(files, ResumeReader.Limits.defaults());
  }

  ResumeMatcher(DatasetFiles files, ResumeReader.Limits limits) {
    this.reader = new ResumeReader(files, limits);
  }

  public Result match(List<Applicant> applicants) {
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, long[]> sigs = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Applicant a : applicants) {
      if (a.resumeFile() == null || a.resumeFile().isBlank()) {
        continue;
      }
      ResumeReader.Text t = reader.read(a.resumeFile());
      if (!t.ok()) {
        problems.add(new Problem(a.applicantId(), a.resumeFile(), t.problem()));
        continue;
      }
      // Claims and company names sit near the top; keeping 20,000 characters bounds memory.
      String text = t.text();
      texts.putIfAbsent(a.applicantId(), text.length() > KEPT_CHARS ? text.substring(0, KEPT_CHARS) : text);
      long[] sig = MinHash.signature(MinHash.words(t.text(), a.fullName()));
      if (sig != null) {
        sigs.putIfAbsent(a.applicantId(), sig);
      }
    }
    return new Result(matches(sigs), problems, texts);
  }

  static List<Match> matches(Map<String, long[]> sigs) {
    Map<String, List<String>> buckets = new HashMap<>();
    for (Map.Entry<String, long[]> e : sigs.entrySet()) {
      long[] s = e.getValue();
      for (int b = 0; b < BANDS; b++) {
        long h = b;
        for (int r = 0; r < ROWS; r++) {
          h = MinHash.mix(h * 31 + s[b * ROWS + r]);
        }
        buckets.computeIfAbsent(b + ":" + Long.toHexString(h), k -> new ArrayList<>()).add(e.getKey());
      }
    }
    Set<String> candidates = new TreeSet<>();
    for (List<String> bucket : buckets.values()) {
      for (int i = 0; i < bucket.size(); i++) {
        for (int j = i + 1; j < bucket.size(); j++) {
          String x = bucket.get(i);
          String y = bucket.get(j);
          candidates.add(x.compareTo(y) < 0 ? x + '\u0000' + y : y + '\u0000' + x);
        }
      }
    }
    IdClusters clusters = new IdClusters();
    List<String[]> pairs = new ArrayList<>();
    List<Double> sims = new ArrayList<>();
    for (String c : candidates) {
      String x = c.substring(0, c.indexOf('\u0000'));
      String y = c.substring(c.indexOf('\u0000') + 1);
      double sim = MinHash.similarity(sigs.get(x), sigs.get(y));
      if (sim >= MIN_SIMILARITY) {
        pairs.add(new String[] {x, y});
        sims.add(sim);
        clusters.union(x, y);
      }
    }
    List<Match> out = new ArrayList<>();
    for (int k = 0; k < pairs.size(); k++) {
      String root = clusters.root(pairs.get(k)[0]);
      out.add(new Match(pairs.get(k)[0], pairs.get(k)[1], sims.get(k),
          "minhash:" + String.format("%016x", MinHash.mix(sigs.get(root)[0] ^ sigs.get(root)[1])).substring(0, 12)));
    }
    return out;
  }
}
