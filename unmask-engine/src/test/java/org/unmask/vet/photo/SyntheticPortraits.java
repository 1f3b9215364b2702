package org.unmask.vet.photo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Java2D "ID photos" for tests: every seed draws a different person (head shape and position,
 * skin, hair, eyes, mouth, clothes, background) in the same passport-photo layout, so unrelated
 * portraits are as alike as real ones are. Variants apply the edits a fraudster makes to reuse
 * one photo.
 */
public final class SyntheticPortraits {

  private SyntheticPortraits() {}

  public static BufferedImage portrait(long seed) {
    Random r = new Random(seed * 7919 + 17);
    int w = 300;
    int h = 380;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, randomColor(r, 120, 250), w * r.nextFloat(), h, randomColor(r, 80, 240)));
    g.fillRect(0, 0, w, h);
    // Background clutter: a few soft shapes (a wall, a frame, a plant).
    for (int i = 0, n = r.nextInt(4); i < n; i++) {
      g.setColor(randomColor(r, 60, 240));
      g.fillRect(r.nextInt(w), r.nextInt(h / 2), 20 + r.nextInt(120), 20 + r.nextInt(160));
    }
    double cx = w / 2.0 + r.nextGaussian() * 18;
    double cy = h * 0.42 + r.nextGaussian() * 14;
    double hw = 62 + r.nextInt(30);
    double hh = hw * (1.2 + r.nextDouble() * 0.25);
    Color skin = skin(r);
    // Shoulders and clothes.
    g.setColor(randomColor(r, 10, 230));
    Path2D body = new Path2D.Double();
    double neckY = cy + hh * 0.85;
    body.moveTo(cx - hw * (1.6 + r.nextDouble()), h);
    body.curveTo(cx - hw * 1.6, neckY + 40, cx - hw * 0.6, neckY, cx, neckY);
    body.curveTo(cx + hw * 0.6, neckY, cx + hw * 1.6, neckY + 40, cx + hw * (1.6 + r.nextDouble()), h);
    body.closePath();
    g.fill(body);
    g.setColor(skin.darker());
    g.fill(new java.awt.geom.Rectangle2D.Double(cx - hw * 0.35, cy + hh * 0.6, hw * 0.7, hh * 0.4));
    // Hair behind the head.
    Color hair = hair(r);
    g.setColor(hair);
    double hairGrow = 1.05 + r.nextDouble() * 0.35;
    g.fill(new Ellipse2D.Double(cx - hw * hairGrow, cy - hh * 1.1, 2 * hw * hairGrow, hh * (1.3 + r.nextDouble() * 1.2)));
    // Head.
    g.setColor(skin);
    g.fill(new Ellipse2D.Double(cx - hw, cy - hh, 2 * hw, 2 * hh));
    // Fringe.
    g.setColor(hair);
    g.fill(new Arc2D.Double(cx - hw, cy - hh * 1.05, 2 * hw, hh * (0.6 + r.nextDouble() * 0.6), 0, 180, Arc2D.CHORD));
    // Eyes, brows.
    double eyeY = cy - hh * (0.05 + r.nextDouble() * 0.15);
    double eyeDx = hw * (0.35 + r.nextDouble() * 0.15);
    double eyeW = 10 + r.nextInt(10);
    double eyeH = 5 + r.nextInt(6);
    Color iris = randomColor(r, 20, 140);
    for (int side = -1; side <= 1; side += 2) {
      double ex = cx + side * eyeDx;
      g.setColor(Color.WHITE);
      g.fill(new Ellipse2D.Double(ex - eyeW, eyeY - eyeH, 2 * eyeW, 2 * eyeH));
      g.setColor(iris);
      g.fill(new Ellipse2D.Double(ex - eyeH, eyeY - eyeH, 2 * eyeH, 2 * eyeH));
      g.setColor(hair.darker());
      g.setStroke(new BasicStroke(2 + r.nextInt(4)));
      g.drawLine((int) (ex - eyeW), (int) (eyeY - eyeH - 8 - r.nextInt(6)), (int) (ex + eyeW),
          (int) (eyeY - eyeH - 6 - r.nextInt(8)));
    }
    // Nose and mouth.
    g.setColor(skin.darker().darker());
    g.setStroke(new BasicStroke(2));
    double noseY = cy + hh * (0.2 + r.nextDouble() * 0.1);
    g.drawLine((int) cx, (int) eyeY + 5, (int) (cx + r.nextInt(10) - 5), (int) noseY);
    g.setColor(new Color(150 + r.nextInt(80), 40 + r.nextInt(60), 50 + r.nextInt(60)));
    double mw = hw * (0.5 + r.nextDouble() * 0.4);
    double my = cy + hh * (0.45 + r.nextDouble() * 0.12);
    g.fill(new Arc2D.Double(cx - mw / 2, my - 8, mw, 10 + r.nextInt(14), 180, 180, Arc2D.CHORD));
    if (r.nextInt(3) == 0) {
      // Glasses.
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(3));
      for (int side = -1; side <= 1; side += 2) {
        g.draw(new Ellipse2D.Double(cx + side * eyeDx - eyeW - 5, eyeY - eyeH - 6, 2 * eyeW + 10, 2 * eyeH + 12));
      }
    }
    g.dispose();
    // Sensor noise, so no two renders are piecewise flat.
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = img.getRGB(x, y);
        int n = (int) (r.nextGaussian() * 4);
        img.setRGB(x, y, (clamp(((p >> 16) & 0xff) + n) << 16) | (clamp(((p >> 8) & 0xff) + n) << 8)
            | clamp((p & 0xff) + n));
      }
    }
    return img;
  }

  /**
   * The kinds of edit a reused photo goes through. {@code SMALL_JPEG} is a thumbnail saved at low
   * quality (a crop of up to 4%, scaled to 25-45%, JPEG quality 0.08-0.25): a few KB whose fine
   * detail the compression has smeared.
   */
  public enum Edit { JPEG, CROP, BRIGHTNESS, RESIZE, ROTATE, LIGHT_EDIT, COMBINED, SMALL_JPEG }

  /** One edited copy; {@code r} picks the edit's strength within the stated bounds. */
  public static BufferedImage variant(BufferedImage src, Edit edit, Random r) {
    return switch (edit) {
      case JPEG -> reencode(src, 0.5f + r.nextFloat() * 0.4f);
      case CROP -> crop(src, 0.02 + r.nextDouble() * 0.08, r);
      case BRIGHTNESS -> brightness(src, r.nextBoolean() ? 1.1f + r.nextFloat() * 0.15f : 0.75f + r.nextFloat() * 0.15f,
          r.nextInt(31) - 15);
      case RESIZE -> resize(src, 0.6 + r.nextDouble() * 0.8);
      case ROTATE -> rotate(src, r.nextBoolean() ? 1.0 : -1.0);
      case LIGHT_EDIT -> lightEdit(src, r);
      case COMBINED -> reencode(brightness(resize(crop(src, 0.05, r), 0.9), 1.1f, 5), 0.75f);
      case SMALL_JPEG -> reencode(resize(crop(src, r.nextDouble() * 0.04, r), 0.25 + r.nextDouble() * 0.2),
          0.08f + r.nextFloat() * 0.17f);
    };
  }

  public static BufferedImage reencode(BufferedImage src, float quality) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        writer.write(null, new IIOImage(rgb(src), null, null), p);
      } finally {
        writer.dispose();
      }
      return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes {@code fraction} of the width and of the height, split at random between the edges. */
  public static BufferedImage crop(BufferedImage src, double fraction, Random r) {
    int dw = (int) (src.getWidth() * fraction);
    int dh = (int) (src.getHeight() * fraction);
    int left = dw == 0 ? 0 : r.nextInt(dw + 1);
    int top = dh == 0 ? 0 : r.nextInt(dh + 1);
    return copy(src.getSubimage(left, top, src.getWidth() - dw, src.getHeight() - dh));
  }

  public static BufferedImage brightness(BufferedImage src, float scale, float offset) {
    return new RescaleOp(scale, offset, null).filter(rgb(src), null);
  }

  public static BufferedImage resize(BufferedImage src, double factor) {
    int w = Math.max(1, (int) (src.getWidth() * factor));
    int h = Math.max(1, (int) (src.getHeight() * factor));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  public static BufferedImage rotate(BufferedImage src, double degrees) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, AffineTransform.getRotateInstance(Math.toRadians(degrees), src.getWidth() / 2.0,
        src.getHeight() / 2.0), null);
    g.dispose();
    return out;
  }

  /** A watermark, a blemish touched out and a changed shirt colour patch: about 3% of the area. */
  static BufferedImage lightEdit(BufferedImage src, Random r) {
    BufferedImage out = copy(src);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(255, 255, 255, 160));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString("SAMPLE " + r.nextInt(1000), 8, out.getHeight() - 10);
    g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
    g.fillOval(r.nextInt(out.getWidth() - 30), r.nextInt(out.getHeight() - 30), 24, 24);
    g.dispose();
    return out;
  }

  static BufferedImage copy(BufferedImage src) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return out;
  }

  static BufferedImage rgb(BufferedImage src) {
    return src.getType() == BufferedImage.TYPE_INT_RGB ? src : copy(src);
  }

  public static void write(BufferedImage img, String format, Path file) {
    try {
      if (!ImageIO.write(rgb(img), format, file.toFile())) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fingerprint an in-memory image the way the matcher fingerprints a decoded file. */
  static PhotoMatcher.Fingerprint hash(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    double[] luma = new double[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      luma[i] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
    }
    return PhotoMatcher.Fingerprint.of(luma, w, h);
  }

  private static Color randomColor(Random r, int lo, int hi) {
    return new Color(lo + r.nextInt(hi - lo), lo + r.nextInt(hi - lo), lo + r.nextInt(hi - lo));
  }

  private static Color skin(Random r) {
    int base = 90 + r.nextInt(150);
    return new Color(Math.min(255, base + 30), Math.min(255, (int) (base * 0.8) + 10), Math.min(255, (int) (base * 0.65)));
  }

  private static Color hair(Random r) {
    int base = r.nextInt(140);
    return new Color(base + r.nextInt(60), (int) (base * 0.8), (int) (base * 0.6));
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
