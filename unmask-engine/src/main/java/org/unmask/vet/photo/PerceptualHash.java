package org.unmask.vet.photo;

/**
 * The two 64-bit perceptual hashes of a photo.
 *
 * <p><b>pHash</b>: the image is area-averaged to 32x32, transformed with a 2-D DCT-II, and the
 * 8x8 lowest frequencies (less the DC term) are compared with their median: one bit per
 * coefficient. Low frequencies carry the layout of the face and survive JPEG, scaling, brightness
 * and small geometric changes. <b>dHash</b>: area-averaged to 9x8, one bit per horizontal
 * neighbour pair (is the right pixel brighter?). The two fail differently, so requiring both to be
 * close keeps unrelated portraits, which share a layout, apart.
 */
record PerceptualHash(long phash, long dhash) {

  private static final int DCT_SIZE = 32;
  private static final double[][] COS = new double[8][DCT_SIZE];

  static {
    for (int u = 0; u < 8; u++) {
      for (int x = 0; x < DCT_SIZE; x++) {
        COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2.0 * DCT_SIZE));
      }
    }
  }

  static PerceptualHash of(double[] luma, int width, int height) {
    return new PerceptualHash(phash(resample(luma, width, height, DCT_SIZE, DCT_SIZE)),
        dhash(resample(luma, width, height, 9, 8)));
  }

  int phashDistance(PerceptualHash o) {
    return Long.bitCount(phash ^ o.phash);
  }

  int dhashDistance(PerceptualHash o) {
    return Long.bitCount(dhash ^ o.dhash);
  }

  private static long phash(double[] px) {
    double[] coeff = new double[64];
    double[] rows = new double[8 * DCT_SIZE];
    // Separable DCT: first along x for the 8 lowest u, then along y for the 8 lowest v.
    for (int y = 0; y < DCT_SIZE; y++) {
      for (int u = 0; u < 8; u++) {
        double s = 0;
        for (int x = 0; x < DCT_SIZE; x++) {
          s += px[y * DCT_SIZE + x] * COS[u][x];
        }
        rows[u * DCT_SIZE + y] = s;
      }
    }
    for (int v = 0; v < 8; v++) {
      for (int u = 0; u < 8; u++) {
        double s = 0;
        for (int y = 0; y < DCT_SIZE; y++) {
          s += rows[u * DCT_SIZE + y] * COS[v][y];
        }
        coeff[v * 8 + u] = s;
      }
    }
    double[] ac = new double[63];
    System.arraycopy(coeff, 1, ac, 0, 63);
    java.util.Arrays.sort(ac);
    double median = ac[31];
    long bits = 0;
    for (int i = 1; i < 64; i++) {
      if (coeff[i] > median) {
        bits |= 1L << i;
      }
    }
    return bits;
  }

  private static long dhash(double[] px) {
    long bits = 0;
    int bit = 0;
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        if (px[y * 9 + x + 1] > px[y * 9 + x]) {
          bits |= 1L << bit;
        }
        bit++;
      }
    }
    return bits;
  }

  /** Area-average resampling: each target cell is the mean of the source pixels it covers. */
  static double[] resample(double[] src, int w, int h, int tw, int th) {
    double[] out = new double[tw * th];
    for (int ty = 0; ty < th; ty++) {
      int y0 = (int) ((long) ty * h / th);
      int y1 = Math.max(y0 + 1, (int) ((long) (ty + 1) * h / th));
      for (int tx = 0; tx < tw; tx++) {
        int x0 = (int) ((long) tx * w / tw);
        int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * w / tw));
        double s = 0;
        for (int y = y0; y < y1; y++) {
          int row = y * w;
          for (int x = x0; x < x1; x++) {
            s += src[row + x];
          }
        }
        out[ty * tw + tx] = s / ((double) (y1 - y0) * (x1 - x0));
      }
    }
    return out;
  }
}
