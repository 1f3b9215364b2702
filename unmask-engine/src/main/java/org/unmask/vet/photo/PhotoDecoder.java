package org.unmask.vet.photo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a JPEG or PNG into a small luminance raster without trusting the file: the format is
 * sniffed from the bytes (not the name), the dimensions are read from the header before any pixel
 * is decoded, images past {@code maxPixels} are refused (a decompression bomb costs nothing to
 * send), and large ones are decoded with source subsampling so at most about
 * {@link #TARGET_PIXELS} pixels are ever held in memory.
 */
final class PhotoDecoder {

  /** Decoding budget: large photos are subsampled down to about this many pixels. */
  static final long TARGET_PIXELS = 1_000_000;

  /** Smallest side that still carries a face worth comparing. */
  static final int MIN_SIDE = 32;

  private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png");

  static {
    // No temp files for image streams: decoding stays in memory and within the budget above.
    ImageIO.setUseCache(false);
  }

  /** Luminance in [0,255], row-major, or the reason it could not be had. */
  record Decoded(double[] luma, int width, int height, String problem) {
    boolean ok() {
      return luma != null;
    }

    static Decoded refused(String why) {
      return new Decoded(null, 0, 0, why);
    }
  }

  private final long maxPixels;

  PhotoDecoder(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  Decoded decode(Path file, String extension) {
    if (!EXTENSIONS.contains(extension)) {
      return Decoded.refused("photo has extension '." + extension + "'; only .jpg, .jpeg and .png are read");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        return Decoded.refused("photo cannot be opened");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return Decoded.refused("photo is not an image (named ." + extension + ", content is neither JPEG nor PNG)");
      }
      ImageReader reader = readers.next();
      try {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!format.equals("jpeg") && !format.equals("png")) {
          return Decoded.refused("photo is a " + format + " image; only JPEG and PNG are read");
        }
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        long pixels = (long) w * h;
        if (w <= 0 || h <= 0) {
          return Decoded.refused("photo header gives no dimensions");
        }
        if (pixels > maxPixels) {
          return Decoded.refused("photo is " + w + "x" + h + " (" + pixels + " pixels), over the " + maxPixels
              + "-pixel limit; not decoded");
        }
        if (w < MIN_SIDE || h < MIN_SIDE) {
          return Decoded.refused("photo is " + w + "x" + h + ", too small to compare");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int step = (int) Math.ceil(Math.sqrt((double) pixels / TARGET_PIXELS));
        if (step > 1) {
          param.setSourceSubsampling(step, step, 0, 0);
        }
        BufferedImage img = reader.read(0, param);
        return luminance(img);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // ImageIO reports truncated and malformed streams with IIOException and, for some broken
      // JPEGs and PNGs, with runtime exceptions from inside the codec.
      return Decoded.refused("photo is corrupt or truncated (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Decoded luminance(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    if (w < MIN_SIDE || h < MIN_SIDE) {
      return Decoded.refused("photo decodes to " + w + "x" + h + ", too small to compare");
    }
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    double[] luma = new double[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      luma[i] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
    }
    return new Decoded(luma, w, h, null);
  }
}
