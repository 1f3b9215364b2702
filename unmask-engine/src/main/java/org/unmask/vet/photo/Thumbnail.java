package org.unmask.vet.photo;

/**
 * A 64x64 luminance thumbnail used to confirm a candidate pair that the hashes found. Hashes are
 * fast but a crop shifts every DCT coefficient a little; the confirmation re-aligns the pair by
 * searching the crops a fraudster would make (up to 12% off any edge, either photo being the
 * cropped one) and keeps the best normalised cross-correlation of 32x32 renderings. Copies
 * of one photo correlate above {@link PhotoMatcher#CORRELATION_MIN}; unrelated portraits, which
 * share a layout but not a face, fall below it.
 */
record Thumbnail(float[] pixels) {

  static final int SIZE = 64;
  private static final int PROBE = 32;

  static Thumbnail of(double[] luma, int width, int height) {
    double[] t = PerceptualHash.resample(luma, width, height, SIZE, SIZE);
    float[] f = new float[t.length];
    for (int i = 0; i < t.length; i++) {
      f[i] = (float) t[i];
    }
    return new Thumbnail(f);
  }

  /**
   * The best correlation over crops of up to {@link #MAX_CROP} of either side of either photo, in
   * [-1, 1]. The search climbs from "no crop" over the four edges in 3% then 1.5% steps: the
   * correlation of two copies rises smoothly towards their true alignment, so a climb finds it in
   * a few dozen probes instead of a full grid.
   */
  double bestCorrelation(Thumbnail other) {
    double[] theirs = zscore(other.region(0, 0, 1, 1));
    double[] mine = zscore(region(0, 0, 1, 1));
    double straight = dot(mine, theirs);
    return Math.max(climb(this, theirs, straight), climb(other, mine, straight));
  }

  static final double MAX_CROP = 0.12;

  /** Crops {@code cropped} (left, top, right, bottom) to best match {@code fixed}. */
  private static double climb(Thumbnail cropped, double[] fixed, double start) {
    double[] edges = new double[4];
    double best = start;
    for (double step = 0.03; step > 0.01; step /= 2) {
      boolean improved = true;
      while (improved) {
        improved = false;
        int bestEdge = -1;
        double bestDelta = 0;
        for (int e = 0; e < 4; e++) {
          for (int sign = -1; sign <= 1; sign += 2) {
            double v = edges[e] + sign * step;
            if (v < -1e-9 || v > MAX_CROP + 1e-9) {
              continue;
            }
            double old = edges[e];
            edges[e] = v;
            double c = dot(zscore(cropped.region(edges[0], edges[1], 1 - edges[0] - edges[2], 1 - edges[1] - edges[3])),
                fixed);
            edges[e] = old;
            if (c > best + 1e-6) {
              best = c;
              bestEdge = e;
              bestDelta = sign * step;
              improved = true;
            }
          }
        }
        if (improved) {
          edges[bestEdge] += bestDelta;
        }
      }
    }
    return best;
  }

  /** The sub-rectangle (fractions of the side) rendered at 32x32 by bilinear sampling. */
  private double[] region(double left, double top, double width, double height) {
    double[] out = new double[PROBE * PROBE];
    for (int y = 0; y < PROBE; y++) {
      double sy = (top + (y + 0.5) / PROBE * height) * SIZE - 0.5;
      for (int x = 0; x < PROBE; x++) {
        double sx = (left + (x + 0.5) / PROBE * width) * SIZE - 0.5;
        out[y * PROBE + x] = bilinear(sx, sy);
      }
    }
    return out;
  }

  private double bilinear(double x, double y) {
    int x0 = clamp((int) Math.floor(x));
    int y0 = clamp((int) Math.floor(y));
    int x1 = clamp(x0 + 1);
    int y1 = clamp(y0 + 1);
    double fx = Math.min(1, Math.max(0, x - x0));
    double fy = Math.min(1, Math.max(0, y - y0));
    double a = pixels[y0 * SIZE + x0] * (1 - fx) + pixels[y0 * SIZE + x1] * fx;
    double b = pixels[y1 * SIZE + x0] * (1 - fx) + pixels[y1 * SIZE + x1] * fx;
    return a * (1 - fy) + b * fy;
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
