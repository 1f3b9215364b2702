package org.unmask.sim.hiring;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Synthetic, face-like applicant portraits drawn with Java2D. A face is fully determined by its seed,
 * so a ring can reuse one face and hand out re-encoded, cropped or brightness-shifted copies of it,
 * as real rings reuse a stolen or generated photo.
 */
public final class Portraits {

  /** How a copy differs from the original: crop offset, scale, brightness shift, JPEG or PNG. */
  public record Variant(int cropX, int cropY, double scale, int brightness, boolean jpeg, float quality) {
    public static final Variant ORIGINAL = new Variant(0, 0, 1.0, 0, false, 1f);
  }

  static final int W = 160;
  static final int H = 200;

  private static final Color[] SKIN = {new Color(0xF1C27D), new Color(0xE0AC69), new Color(0xC68642), new Color(0x8D5524),
      new Color(0xFFDBAC), new Color(0xD1A17A), new Color(0xA46B45)};
  private static final Color[] HAIR = {new Color(0x090806), new Color(0x2C222B), new Color(0x3B3024), new Color(0x4E433F),
      new Color(0x6A4E42), new Color(0xA7856A), new Color(0xB89778), new Color(0x71635A), new Color(0xDCD0BA)};
  private static final Color[] BACKDROP = {new Color(0xDDE3EA), new Color(0xC9D6DF), new Color(0xEFE9E1), new Color(0xB8C4D6),
      new Color(0xE6E6E6), new Color(0xD4E2D4)};

  /** Draws the face for {@code faceSeed}. */
  public static BufferedImage face(long faceSeed) {
    SplittableRandom r = new SplittableRandom(faceSeed);
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    Color back = BACKDROP[r.nextInt(BACKDROP.length)];
    g.setPaint(new GradientPaint(0, 0, back, 0, H, back.darker()));
    g.fillRect(0, 0, W, H);
    // A real backdrop is never flat: out-of-focus shapes and light, different in every photo. A
    // separate generator keeps the face itself as the seed has always drawn it.
    SplittableRandom texture = new SplittableRandom(faceSeed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    for (int i = 0; i < 14 + texture.nextInt(10); i++) {
      int d = 12 + texture.nextInt(48);
      g.setColor(new Color(texture.nextInt(256), texture.nextInt(256), texture.nextInt(256), 40 + texture.nextInt(70)));
      g.fill(new Ellipse2D.Double(texture.nextInt(W) - d / 2.0, texture.nextInt(H) - d / 2.0, d, d));
    }
    Color skin = SKIN[r.nextInt(SKIN.length)];
    Color hair = HAIR[r.nextInt(HAIR.length)];
    double faceW = 70 + r.nextInt(18);
    double faceH = 92 + r.nextInt(18);
    double cx = W / 2.0 + r.nextInt(7) - 3;
    double top = 38 + r.nextInt(8);
    // Shoulders and shirt.
    g.setColor(new Color(r.nextInt(200), r.nextInt(200), r.nextInt(200)));
    g.fill(new Ellipse2D.Double(cx - 75, top + faceH + 4, 150, 110));
    g.setColor(skin.darker());
    g.fillRect((int) (cx - 14), (int) (top + faceH - 12), 28, 26);
    // Hair behind the head.
    int style = r.nextInt(4);
    g.setColor(hair);
    if (style == 1) {
      g.fill(new Ellipse2D.Double(cx - faceW / 2 - 10, top - 12, faceW + 20, faceH + 40));
    } else {
      g.fill(new Ellipse2D.Double(cx - faceW / 2 - 5, top - 10, faceW + 10, faceH * 0.7));
    }
    g.setColor(skin);
    g.fill(new Ellipse2D.Double(cx - faceW / 2, top, faceW, faceH));
    // Ears.
    g.fill(new Ellipse2D.Double(cx - faceW / 2 - 7, top + faceH * 0.4, 12, 20));
    g.fill(new Ellipse2D.Double(cx + faceW / 2 - 5, top + faceH * 0.4, 12, 20));
    // Fringe.
    g.setColor(hair);
    if (style != 3) {
      Path2D fringe = new Path2D.Double();
      fringe.moveTo(cx - faceW / 2, top + faceH * 0.3);
      fringe.curveTo(cx - faceW / 3, top - 8, cx + faceW / 3, top - 8 + r.nextInt(10), cx + faceW / 2, top + faceH * 0.3);
      fringe.lineTo(cx + faceW / 2, top + 5);
      fringe.lineTo(cx - faceW / 2, top + 5);
      fringe.closePath();
      g.fill(fringe);
    }
    // Eyes, brows, nose, mouth.
    double eyeY = top + faceH * (0.42 + r.nextDouble() * 0.06);
    double eyeDx = faceW * (0.2 + r.nextDouble() * 0.05);
    double eyeW = 10 + r.nextInt(4);
    for (int side = -1; side <= 1; side += 2) {
      double ex = cx + side * eyeDx;
      g.setColor(Color.WHITE);
      g.fill(new Ellipse2D.Double(ex - eyeW / 2, eyeY - 3, eyeW, 7));
      g.setColor(new Color(40 + r.nextInt(60), 30 + r.nextInt(40), 20 + r.nextInt(30)));
      g.fill(new Ellipse2D.Double(ex - 3, eyeY - 3, 6, 6));
      g.setColor(hair.darker());
      g.setStroke(new BasicStroke(2.5f));
      g.drawLine((int) (ex - eyeW / 2), (int) (eyeY - 9 - r.nextInt(3)), (int) (ex + eyeW / 2), (int) (eyeY - 10));
    }
    g.setColor(skin.darker());
    g.setStroke(new BasicStroke(2f));
    double noseY = eyeY + faceH * 0.18;
    g.drawLine((int) cx, (int) (eyeY + 4), (int) (cx - 4), (int) noseY);
    g.drawLine((int) (cx - 4), (int) noseY, (int) (cx + 3), (int) noseY);
    g.setColor(new Color(0xA0524D));
    double mouthY = noseY + faceH * 0.13;
    double mouthW = 18 + r.nextInt(10);
    g.drawArc((int) (cx - mouthW / 2), (int) (mouthY - 6), (int) mouthW, 10 + r.nextInt(4), 200, 140);
    if (r.nextInt(4) == 0) {
      // Glasses.
      g.setColor(new Color(30, 30, 30));
      g.setStroke(new BasicStroke(1.8f));
      g.drawRoundRect((int) (cx - eyeDx - 10), (int) (eyeY - 8), 20, 15, 6, 6);
      g.drawRoundRect((int) (cx + eyeDx - 10), (int) (eyeY - 8), 20, 15, 6, 6);
      g.drawLine((int) (cx - eyeDx + 10), (int) eyeY, (int) (cx + eyeDx - 10), (int) eyeY);
    }
    // Hair texture and a light falloff at a random angle, as a camera and a lamp would leave.
    g.setColor(hair.brighter());
    g.setStroke(new BasicStroke(1f));
    for (int i = 0; i < 25 + texture.nextInt(25); i++) {
      double x = cx - faceW / 2 + texture.nextDouble() * faceW;
      double y = top - 8 + texture.nextDouble() * 22;
      g.drawLine((int) x, (int) y, (int) (x + texture.nextInt(13) - 6), (int) (y + 4 + texture.nextInt(10)));
    }
    double angle = texture.nextDouble() * 2 * Math.PI;
    float lx = (float) (W / 2.0 + Math.cos(angle) * W);
    float ly = (float) (H / 2.0 + Math.sin(angle) * H);
    g.setPaint(new GradientPaint(W / 2f, H / 2f, new Color(255, 255, 255, 0), lx, ly, new Color(0, 0, 0, 70 + texture.nextInt(60))));
    g.fillRect(0, 0, W, H);
    g.dispose();
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int grain = (int) Math.round(texture.nextGaussian() * 6); // sensor noise
        int rgb = img.getRGB(x, y);
        img.setRGB(x, y, (clamp(((rgb >> 16) & 0xFF) + grain) << 16) | (clamp(((rgb >> 8) & 0xFF) + grain) << 8)
            | clamp((rgb & 0xFF) + grain));
      }
    }
    return img;
  }

  /** A copy of a face as a ring would reuse it: cropped, rescaled, brightened or darkened. */
  public static BufferedImage variant(BufferedImage face, Variant v) {
    if (v.equals(Variant.ORIGINAL)) {
      return face;
    }
    int w = (int) Math.round(W * v.scale());
    int h = (int) Math.round(H * v.scale());
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(face, -v.cropX(), -v.cropY(), (int) Math.round((W + v.cropX() * 2) * v.scale()), (int) Math.round((H + v.cropY() * 2) * v.scale()), null);
    g.dispose();
    if (v.brightness() != 0) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int rgb = out.getRGB(x, y);
          int rr = clamp(((rgb >> 16) & 255) + v.brightness());
          int gg = clamp(((rgb >> 8) & 255) + v.brightness());
          int bb = clamp((rgb & 255) + v.brightness());
          out.setRGB(x, y, (rr << 16) | (gg << 8) | bb);
        }
      }
    }
    return out;
  }

  /** Writes PNG or JPEG (at the variant's quality). */
  public static void write(BufferedImage img, Variant v, OutputStream out) throws IOException {
    if (!v.jpeg()) {
      ImageIO.write(img, "png", out);
      return;
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(v.quality());
      writer.write(null, new IIOImage(img, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private Portraits() {}
}
