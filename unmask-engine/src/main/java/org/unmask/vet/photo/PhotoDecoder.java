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
    double[] luma = interleavedLuma(img);
    if (luma == null) {
      int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
      luma = new double[rgb.length];
      for (int i = 0; i < rgb.length; i++) {
        int p = rgb[i];
        luma[i] = luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
      }
    }
    return new Decoded(luma, w, h, null);
  }

  private static double luma(int r, int g, int b) {
    return 0.299 * r + 0.587 * g + 0.114 * b;
  }

  /**
   * Luminance read straight from the bytes of an 8-bit sRGB image (what ImageIO makes of a colour
   * JPEG or PNG: BGR, or ABGR with straight alpha), or null for any other kind. {@code getRGB}
   * returns those very bytes for these kinds, through a colour model call per pixel that took
   * most of the decoding time; other kinds (grey, palettes, 16 bits) need its conversion.
   */
  static double[] interleavedLuma(BufferedImage img) {
    int type = img.getType();
    int stride = type == BufferedImage.TYPE_3BYTE_BGR ? 3 : type == BufferedImage.TYPE_4BYTE_ABGR ? 4 : 0;
    if (stride == 0 || !(img.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte buffer)
        || !(img.getRaster().getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel model)
        || model.getPixelStride() != stride || model.getScanlineStride() != img.getWidth() * stride
        || img.getRaster().getSampleModelTranslateX() != 0 || img.getRaster().getSampleModelTranslateY() != 0
        || buffer.getNumBanks() != 1 || buffer.getOffset() != 0) {
      return null;
    }
    int[] offsets = model.getBandOffsets(); // R, G, B (and A): where each lies within a pixel
    int r = offsets[0];
    int g = offsets[1];
    int b = offsets[2];
    byte[] data = buffer.getData();
    int n = img.getWidth() * img.getHeight();
    double[] luma = new double[n];
    for (int i = 0, at = 0; i < n; i++, at += stride) {
      luma[i] = luma(data[at + r] & 0xff, data[at + g] & 0xff, data[at + b] & 0xff);
    }
    return luma;
  }
}
