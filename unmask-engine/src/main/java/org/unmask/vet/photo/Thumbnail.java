package org.unmask.vet.photo;

/**
 * A 96x96 luminance thumbnail used to confirm a candidate pair that the hashes found. Hashes are
 * fast but a crop shifts every DCT coefficient a little; the confirmation re-aligns the pair by
 * searching the crops a fraudster would make (up to 12% off any edge, either photo being the
 * cropped one) and measures two normalised cross-correlations at the best alignment: of the
 * luminance (32x32 renderings) and of the detail, high-pass images (64x64, border ignored). Copies of one photo agree on
 * both; unrelated portraits, which share a layout but not a face, can agree on luminance but not
 * on detail.
 */
record Thumbnail(byte[] pixels, double[] whole) {

  static final int SIZE = 96;
  private static final int PROBE = 32;
  private static final int DETAIL = 64;

  static Thumbnail of(double[] luma, int width, int height) {
    double[] t = PerceptualHash.resample(luma, width, height, SIZE, SIZE);
    // One byte per pixel: 9 KB per photo, so tens of thousands of applicants fit in memory.
    byte[] b = new byte[t.length];
    for (int i = 0; i < t.length; i++) {
      b[i] = (byte) Math.max(0, Math.min(255, Math.round(t[i])));
    }
    return withWhole(b);
  }

  /**
   * A thumbnail of these pixels, with {@code whole}: its uncropped coarse probe, normalised, which
   * every alignment starts from (2 KB; rendered once per photo instead of once per pair).
   */
  private static Thumbnail withWhole(byte[] pixels) {
    Thumbnail bare = new Thumbnail(pixels, null);
    return new Thumbnail(pixels, zscore(bare.region(0, 0, 1, 1, COARSE)));
  }

  /**
   * How well two photos agree once aligned: {@code raw} is the best luminance correlation over
   * crops (what the alignment maximises), {@code detail} the correlation of the high-pass
   * (detail) images at that alignment, and {@code straight} the raw correlation before any crop.
   * Unrelated portraits share a layout, which raw correlation sees; they do not share detail.
   */
  record Alignment(double straight, double raw, double detail) {}

  /**
   * Aligns the pair over crops of up to {@link #MAX_CROP} of either side of either photo. The
   * search climbs from "no crop" over the four edges in 3% then 1.5% steps: the correlation of
   * two copies rises smoothly towards their true alignment, so a climb finds it in a few dozen
   * probes instead of a full grid. It climbs on cheap 16x16 probes first and gives up when even
   * the best coarse alignment stays under {@link #COARSE_GATE} (most unrelated pairs); survivors
   * are refined on 32x32 probes.
   */
  Alignment align(Thumbnail other) {
    return align(other, Renders.NONE);
  }

  /**
   * The same, remembering this photo's crops in {@code renders}: one photo is aligned with each
   * of its candidates in turn, and its climbs visit the same crops for most of them.
   */
  Alignment align(Thumbnail other, Renders renders) {
    double[] theirs = other.whole(); // read only, as every probe the climbs compare with
    double[] mine = whole();
    double straight = dot(mine, theirs);
    double[] a = climb(this, theirs, straight, COARSE, new double[4], 0.03, renders);
    double[] b = climb(other, mine, straight, COARSE, new double[4], 0.03, renders);
    boolean mineCropped = a[0] >= b[0];
    double[] coarse = mineCropped ? a : b;
    if (coarse[0] < COARSE_GATE) {
      return new Alignment(straight, coarse[0], -1);
    }
    Thumbnail cropped = mineCropped ? this : other;
    Thumbnail fixed = mineCropped ? other : this;
    double[] fixedFine = zscore(fixed.region(0, 0, 1, 1, PROBE));
    double[] edges = {coarse[1], coarse[2], coarse[3], coarse[4]};
    double startFine = dot(zscore(cropped.crop(edges, PROBE)), fixedFine);
    double[] fine = climb(cropped, fixedFine, startFine, PROBE, edges, 0.015, renders);
    double[] fineEdges = {fine[1], fine[2], fine[3], fine[4]};
    double detail = dot(zscore(inner(highPass(cropped.crop(fineEdges, DETAIL), DETAIL), DETAIL)),
        zscore(inner(highPass(fixed.region(0, 0, 1, 1, DETAIL), DETAIL), DETAIL)));
    return new Alignment(straight, fine[0], detail);
  }

  /** The raw correlation alone, for callers that only rank. */
  double bestCorrelation(Thumbnail other) {
    return align(other).raw();
  }

  static final double MAX_CROP = 0.12;
  static final double COARSE_GATE = 0.85;
  private static final int COARSE = 16;

  private double[] crop(double[] e, int size) {
    return region(e[0], e[1], 1 - e[0] - e[2], 1 - e[1] - e[3], size);
  }

  /**
   * Crops {@code cropped} to best match {@code fixed}, from {@code edges} (left, top, right,
   * bottom), in steps from {@code firstStep} down to 1.5%: {best, left, top, right, bottom}.
   */
  private static double[] climb(Thumbnail cropped, double[] fixed, double start, int size, double[] from,
      double firstStep, Renders renders) {
    double[] edges = from.clone();
    double best = start;
    for (double step = firstStep; step > 0.01; step /= 2) {
      boolean improved = true;
      // the move that undoes the last one leads back to where the climb came from, which scored
      // lower: it cannot win, and is not rendered again
      int undoEdge = -1;
      int undoSign = 0;
      while (improved) {
        improved = false;
        int bestEdge = -1;
        int bestSign = 0;
        double bestDelta = 0;
        for (int e = 0; e < 4; e++) {
          for (int sign = -1; sign <= 1; sign += 2) {
            if (e == undoEdge && sign == undoSign) {
              continue;
            }
            double v = edges[e] + sign * step;
            if (v < -1e-9 || v > MAX_CROP + 1e-9) {
              continue;
            }
            double old = edges[e];
            edges[e] = v;
            double c = dot(renders.zscored(cropped, edges, size), fixed);
            edges[e] = old;
            if (c > best + 1e-6) {
              best = c;
              bestEdge = e;
              bestSign = sign;
              bestDelta = sign * step;
              improved = true;
            }
          }
        }
        if (improved) {
          edges[bestEdge] += bestDelta;
          undoEdge = bestEdge;
          undoSign = -bestSign;
        }
      }
    }
    return new double[] {best, edges[0], edges[1], edges[2], edges[3]};
  }

  /**
   * One photo's normalised crops, by crop and size, as the climbs render them: a row of the
   * all-pairs comparison aligns one photo with every later candidate, and each alignment climbs
   * over crops of it from the same start. The key is the crop's exact edges, so a crop reached by
   * another path (sums that differ in their last bit) is rendered anew, and every correlation is
   * the value the climb would have computed. Bounded; not thread-safe (one per row).
   */
  static final class Renders {
    static final Renders NONE = new Renders(null);
    private static final int MAX = 512;
    private final Thumbnail owner;
    private final java.util.Map<Crop, double[]> done = new java.util.HashMap<>();

    Renders(Thumbnail owner) {
      this.owner = owner;
    }

    private record Crop(long left, long top, long right, long bottom, int size) {}

    double[] zscored(Thumbnail t, double[] edges, int size) {
      if (t != owner) {
        return zscore(t.crop(edges, size));
      }
      Crop key = new Crop(Double.doubleToLongBits(edges[0]), Double.doubleToLongBits(edges[1]),
          Double.doubleToLongBits(edges[2]), Double.doubleToLongBits(edges[3]), size);
      double[] v = done.get(key);
      if (v == null) {
        v = zscore(t.crop(edges, size)); // read only from here on: dot() does not write
        if (done.size() < MAX) {
          done.put(key, v);
        }
      }
      return v;
    }
  }

  /**
   * The probe without a {@link #MARGIN}-pixel border: a rotated or padded copy differs most at its
   * edges (filled corners, a new frame), which says nothing about the face.
   */
  private static double[] inner(double[] v, int size) {
    int n = size - 2 * MARGIN;
    double[] out = new double[n * n];
    for (int y = 0; y < n; y++) {
      System.arraycopy(v, (y + MARGIN) * size + MARGIN, out, y * n, n);
    }
    return out;
  }

  private static final int MARGIN = 3;

  /** The probe minus its 5x5 local mean: edges and features (eyes, mouth, hairline), not the layout. */
  private static double[] highPass(double[] v, int size) {
    double[] out = new double[v.length];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double s = 0;
        int n = 0;
        for (int dy = -2; dy <= 2; dy++) {
          int yy = y + dy;
          if (yy < 0 || yy >= size) {
            continue;
          }
          for (int dx = -2; dx <= 2; dx++) {
            int xx = x + dx;
            if (xx >= 0 && xx < size) {
              s += v[yy * size + xx];
              n++;
            }
          }
        }
        out[y * size + x] = v[y * size + x] - s / n;
      }
    }
    return out;
  }

  /**
   * The sub-rectangle (fractions of the side) rendered at size x size by bilinear sampling. A
   * column's source pixels and weight depend on its x alone, a row's on its y alone, so they are
   * worked out once per column and row rather than once per pixel: the alignment renders
   * thousands of these per candidate pair, and this was half of a scan's CPU. Each pixel is the
   * same arithmetic as before, in the same order, so the values are identical.
   */
  private double[] region(double left, double top, double width, double height, int size) {
    int[] x0 = new int[size];
    int[] x1 = new int[size];
    double[] fx = new double[size];
    for (int x = 0; x < size; x++) {
      double sx = (left + (x + 0.5) / size * width) * SIZE - 0.5;
      x0[x] = clamp((int) Math.floor(sx));
      x1[x] = clamp(x0[x] + 1);
      fx[x] = Math.min(1, Math.max(0, sx - x0[x]));
    }
    double[] out = new double[size * size];
    byte[] p = pixels;
    for (int y = 0; y < size; y++) {
      double sy = (top + (y + 0.5) / size * height) * SIZE - 0.5;
      int y0 = clamp((int) Math.floor(sy));
      int row0 = y0 * SIZE;
      int row1 = clamp(y0 + 1) * SIZE;
      double fy = Math.min(1, Math.max(0, sy - y0));
      for (int x = 0; x < size; x++) {
        double f = fx[x];
        double a = (p[row0 + x0[x]] & 0xff) * (1 - f) + (p[row0 + x1[x]] & 0xff) * f;
        double b = (p[row1 + x0[x]] & 0xff) * (1 - f) + (p[row1 + x1[x]] & 0xff) * f;
        out[y * size + x] = a * (1 - fy) + b * fy;
      }
    }
    return out;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(SIZE - 1, v));
  }

  /** Zero mean, unit norm: the dot product of two such vectors is their correlation. */
  private static double[] zscore(double[] v) {
    double mean = 0;
    for (double d : v) {
      mean += d;
    }
    mean /= v.length;
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] -= mean;
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= norm;
      }
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
