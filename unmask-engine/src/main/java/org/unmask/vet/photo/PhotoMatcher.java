package org.unmask.vet.photo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.unmask.vet.IdClusters;
import java.util.Map;
import java.util.stream.IntStream;
import org.unmask.reference.Applicant;
import org.unmask.vet.files.DatasetFiles;

/**
 * Finds applicants whose photos show one image: exact copies and copies that were re-encoded,
 * cropped by up to about 10%, brightened, resized, rotated by a degree or lightly edited.
 *
 * <p>Two stages. The hashes pick candidates: pHashes within {@link #PHASH_CANDIDATE} of 64 bits or
 * dHashes within {@link #DHASH_CANDIDATE}. A {@link Thumbnail} then confirms a candidate when, at
 * the best crop alignment, the luminance correlation reaches {@link #CORRELATION_MIN} and the
 * detail (high-pass) correlation reaches {@link #DETAIL_MIN} ({@link #FAR_DETAIL_MIN} for pHashes
 * more than {@link #PHASH_FAR} apart); or, for near-duplicate pHashes (within {@link #PHASH_NEAR}),
 * when they reach {@link #NEAR_CORRELATION_MIN} and {@link #NEAR_DETAIL_MIN}. The thresholds come from the
 * measurement in docs/EVALUATION.md ("Photo matcher"). The candidate scan is all-pairs over two
 * longs, cheap to tens of thousands of applicants; only candidates pay for the alignment, and
 * rows of the comparison run in parallel on the common fork-join pool.
 */
public final class PhotoMatcher {

  static final int PHASH_CANDIDATE = 24;
  static final int DHASH_CANDIDATE = 16;
  static final double CORRELATION_MIN = 0.93;
  /** Public so scoring can grade a match between the threshold and an exact copy. */
  public static final double DETAIL_MIN = 0.86;
  /**
   * pHashes this close (of 64 bits) are near-duplicates: no unrelated pair of the evaluation's
   * portraits came closer than 6, and of about 1.5 million unrelated pairs in simulated applicant
   * pools one did, with a luminance correlation of 0.67 (the bar here is 0.95), while re-encoded,
   * resized and lightly cropped copies mostly sit at 0 to 4.
   * Such a pair is confirmed on a lower detail correlation ({@link #NEAR_DETAIL_MIN}): a copy
   * saved as a small JPEG loses the fine detail the confirmation compares (a ring's copy of 5 KB
   * reached 0.83), but not its luminance layout ({@link #NEAR_CORRELATION_MIN}).
   */
  static final int PHASH_NEAR = 4;
  static final double NEAR_CORRELATION_MIN = 0.95;
  static final double NEAR_DETAIL_MIN = 0.60;
  /**
   * Past this pHash distance a pair is confirmed only on {@link #FAR_DETAIL_MIN}: unrelated
   * portraits of one layout reach a detail correlation of 0.86 there (pHash 16), while copies
   * that far apart are large crops, whose detail, once aligned, stays high.
   */
  static final int PHASH_FAR = 12;
  static final double FAR_DETAIL_MIN = 0.88;

  /** Default refusal limits: 40 megapixels, 25 MB. */
  public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
  public static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;

  /**
   * Two applicants' photos that show one image; {@code cluster} names the group of copies,
   * {@code similarity} is the detail correlation after alignment and {@code hashDistance} the
   * pHash distance (bits of 64).
   */
  public record Match(String applicantA, String applicantB, double similarity, int hashDistance, String cluster) {}

  /** A photo that could not be used, and why (the caller turns it into a rejection). */
  public record Problem(String applicantId, String file, String reason) {}

  /** What a run found. */
  public record Result(List<Match> matches, List<Problem> problems, int photosHashed) {}

  private final DatasetFiles files;
  private final PhotoDecoder decoder;
  private final long maxBytes;

  public PhotoMatcher(DatasetFiles files, long maxPixels, long maxBytes) {
    this.files = files;
    this.decoder = new PhotoDecoder(maxPixels);
    this.maxBytes = maxBytes;
  }

  public Result match(List<Applicant> applicants) {
    Map<String, Fingerprint> hashes = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Applicant a : applicants) {
      if (a.photoFile() == null || a.photoFile().isBlank()) {
        continue;
      }
      DatasetFiles.Resolved r = files.resolve(a.photoFile(), maxBytes);
      if (!r.ok()) {
        problems.add(new Problem(a.applicantId(), a.photoFile(), r.problem()));
        continue;
      }
      PhotoDecoder.Decoded d = decoder.decode(r.path(), DatasetFiles.extension(a.photoFile()));
      if (!d.ok()) {
        problems.add(new Problem(a.applicantId(), a.photoFile(), d.problem()));
        continue;
      }
      hashes.putIfAbsent(a.applicantId(), Fingerprint.of(d.luma(), d.width(), d.height()));
    }
    return new Result(pairs(hashes), problems, hashes.size());
  }


  /** What is kept per photo: about 4 KB. */
  record Fingerprint(PerceptualHash hash, Thumbnail thumbnail) {
    static Fingerprint of(double[] luma, int width, int height) {
      return new Fingerprint(PerceptualHash.of(luma, width, height), Thumbnail.of(luma, width, height));
    }
  }

  static boolean candidate(Fingerprint x, Fingerprint y) {
    return x.hash().phashDistance(y.hash()) <= PHASH_CANDIDATE || x.hash().dhashDistance(y.hash()) <= DHASH_CANDIDATE;
  }

  /** The confirmed similarity of two photos in [0,1], or 0 when they are not copies of one image. */
  static double similarity(Fingerprint x, Fingerprint y) {
    return similarity(x, y, Thumbnail.Renders.NONE);
  }

  /** The same, with {@code x}'s crops remembered in {@code renders} across its candidates. */
  static double similarity(Fingerprint x, Fingerprint y, Thumbnail.Renders renders) {
    if (!candidate(x, y)) {
      return 0;
    }
    Thumbnail.Alignment al = x.thumbnail().align(y.thumbnail(), renders);
    return confirmed(x.hash().phashDistance(y.hash()), al) ? al.detail() : 0;
  }

  /** Whether an aligned candidate pair, its pHashes this many bits apart, shows one image. */
  static boolean confirmed(int hashDistance, Thumbnail.Alignment al) {
    if (hashDistance <= PHASH_NEAR && al.raw() >= NEAR_CORRELATION_MIN && al.detail() >= NEAR_DETAIL_MIN) {
      return true;
    }
    double detailMin = hashDistance > PHASH_FAR ? FAR_DETAIL_MIN : DETAIL_MIN;
    return al.raw() >= CORRELATION_MIN && al.detail() >= detailMin;
  }

  private static List<Match> pairs(Map<String, Fingerprint> hashes) {
    List<String> ids = new ArrayList<>(hashes.keySet());
    ids.sort(null);
    List<Fingerprint> prints = ids.stream().map(hashes::get).toList();
    // Rows of the all-pairs triangle are independent: compare them in parallel, then read the
    // results back in row order so the output does not depend on scheduling.
    List<List<double[]>> rows = IntStream.range(0, ids.size()).parallel().mapToObj(i -> {
      List<double[]> row = new ArrayList<>();
      Thumbnail.Renders renders = new Thumbnail.Renders(prints.get(i).thumbnail());
      for (int j = i + 1; j < prints.size(); j++) {
        double sim = similarity(prints.get(i), prints.get(j), renders);
        if (sim > 0) {
          row.add(new double[] {j, sim});
        }
      }
      return row;
    }).toList();
    IdClusters clusters = new IdClusters();
    List<String[]> found = new ArrayList<>();
    List<Double> sims = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      for (double[] hit : rows.get(i)) {
        String a = ids.get(i);
        String b = ids.get((int) hit[0]);
        found.add(new String[] {a, b});
        sims.add(hit[1]);
        clusters.union(a, b);
      }
    }
    List<Match> out = new ArrayList<>();
    for (int k = 0; k < found.size(); k++) {
      String root = clusters.root(found.get(k)[0]);
      String cluster = "phash:" + String.format("%016x", hashes.get(root).hash().phash());
      int distance = hashes.get(found.get(k)[0]).hash().phashDistance(hashes.get(found.get(k)[1]).hash());
      out.add(new Match(found.get(k)[0], found.get(k)[1], sims.get(k), distance, cluster));
    }
    return out;
  }
}
