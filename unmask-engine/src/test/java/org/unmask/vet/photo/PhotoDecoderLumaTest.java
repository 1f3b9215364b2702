package org.unmask.vet.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reading a colour photo's bytes directly gives exactly the luminance its {@code getRGB} gives;
 * kinds whose bytes are not sRGB components (grey, palettes, a view into a larger image) are left
 * to {@code getRGB}.
 */
class PhotoDecoderLumaTest {

  private static double[] viaGetRgb(BufferedImage img) {
    int[] rgb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    double[] luma = new double[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      luma[i] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
    }
    return luma;
  }

  private static BufferedImage random(int type, long seed) {
    Random random = new Random(seed);
    BufferedImage img = new BufferedImage(37, 41, type);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, random.nextInt());
      }
    }
    return img;
  }

  @Test
  void colourPhotosBytes_giveGetRgbsLuminance_exactly() {
    for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR}) {
      for (long seed = 1; seed <= 5; seed++) {
        BufferedImage img = random(type, seed);
        assertThat(PhotoDecoder.interleavedLuma(img)).as("type %d", type).containsExactly(viaGetRgb(img));
      }
    }
  }

  @Test
  void otherKinds_areLeftToGetRgb() {
    assertThat(PhotoDecoder.interleavedLuma(random(BufferedImage.TYPE_BYTE_GRAY, 1))).isNull();
    assertThat(PhotoDecoder.interleavedLuma(random(BufferedImage.TYPE_INT_RGB, 1))).isNull();
    assertThat(PhotoDecoder.interleavedLuma(random(BufferedImage.TYPE_4BYTE_ABGR_PRE, 1))).isNull();
    assertThat(PhotoDecoder.interleavedLuma(random(BufferedImage.TYPE_3BYTE_BGR, 1).getSubimage(3, 4, 20, 20)))
        .as("a view into a larger image").isNull();
  }
}
