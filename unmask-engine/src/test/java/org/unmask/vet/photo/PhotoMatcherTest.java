package org.unmask.vet.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.reference.Applicant;
import org.unmask.vet.files.DatasetFiles;

class PhotoMatcherTest {

  @TempDir Path dataset;

  static Applicant withPhoto(String id, String photo) {
    return new Applicant(id, Instant.parse("2026-03-01T00:00:00Z"), "N " + id, null, null, null, null, null, null, null,
        null, null, null, null, null, null, photo, null, null);
  }

  private PhotoMatcher.Result run(Applicant... applicants) {
    return new PhotoMatcher(new DatasetFiles(dataset.resolve("files")), PhotoMatcher.DEFAULT_MAX_PIXELS,
        PhotoMatcher.DEFAULT_MAX_BYTES).match(List.of(applicants));
  }

  private Path files() throws IOException {
    return Files.createDirectories(dataset.resolve("files"));
  }

  @Test
  void match_firesOnACroppedBrightenedJpegCopy_ofAPngPhoto() throws IOException {
    Path files = files();
    var original = SyntheticPortraits.portrait(1);
    SyntheticPortraits.write(original, "png", files.resolve("a.png"));
    var copy = SyntheticPortraits.brightness(SyntheticPortraits.crop(original, 0.08, new Random(3)), 1.15f, 5);
    SyntheticPortraits.write(copy, "jpeg", files.resolve("b.jpg"));
    SyntheticPortraits.write(SyntheticPortraits.portrait(2), "jpeg", files.resolve("c.jpg"));
    PhotoMatcher.Result r = run(withPhoto("A1", "a.png"), withPhoto("A2", "b.jpg"), withPhoto("A3", "c.jpg"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.matches()).singleElement().satisfies(m -> {
      assertThat(m.applicantA()).isEqualTo("A1");
      assertThat(m.applicantB()).isEqualTo("A2");
      assertThat(m.cluster()).startsWith("phash:");
    });
  }

  @Test
  void match_firesOnASmallLowQualityCopy_whoseDetailTheCompressionSmeared() throws IOException {
    Path files = files();
    var original = SyntheticPortraits.portrait(5);
    SyntheticPortraits.write(original, "png", files.resolve("a.png"));
    // a thumbnail of the photo, 30% of its size, saved at JPEG quality 0.1: a few KB
    var small = SyntheticPortraits.reencode(SyntheticPortraits.resize(SyntheticPortraits.crop(original, 0.03, new Random(5)), 0.3), 0.1f);
    SyntheticPortraits.write(small, "png", files.resolve("b.png"));
    PhotoMatcher.Result r = run(withPhoto("A1", "a.png"), withPhoto("A2", "b.png"));
    assertThat(r.matches()).singleElement().satisfies(m -> {
      assertThat(m.hashDistance()).isLessThanOrEqualTo(PhotoMatcher.PHASH_NEAR);
      assertThat(m.similarity()).isLessThan(PhotoMatcher.DETAIL_MIN); // the usual bar would have missed it
    });
  }

  @Test
  void confirmed_acceptsANearDuplicateHash_onLessDetail_andAFarOneOnlyOnMore() {
    // near-duplicate pHashes: the luminance layout must still agree, and some detail survive
    assertThat(PhotoMatcher.confirmed(4, new Thumbnail.Alignment(0.9, 0.97, 0.70))).isTrue();
    assertThat(PhotoMatcher.confirmed(6, new Thumbnail.Alignment(0.9, 0.97, 0.70))).isFalse();
    assertThat(PhotoMatcher.confirmed(4, new Thumbnail.Alignment(0.9, 0.94, 0.70))).isFalse();
    assertThat(PhotoMatcher.confirmed(4, new Thumbnail.Alignment(0.9, 0.97, 0.55))).isFalse();
    // the usual bar in between
    assertThat(PhotoMatcher.confirmed(12, new Thumbnail.Alignment(0.9, 0.954, 0.861))).isTrue();
    assertThat(PhotoMatcher.confirmed(12, new Thumbnail.Alignment(0.9, 0.92, 0.95))).isFalse();
    // far-apart pHashes: two unrelated simulated portraits scored this (pHash 16); a copy that far
    // apart is a large crop, whose detail stays high once aligned
    assertThat(PhotoMatcher.confirmed(16, new Thumbnail.Alignment(0.7, 0.954, 0.861))).isFalse();
    assertThat(PhotoMatcher.confirmed(16, new Thumbnail.Alignment(0.7, 0.96, 0.90))).isTrue();
  }

  private static Thumbnail thumbnail(java.awt.image.BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    double[] luma = new double[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        luma[y * w + x] = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
      }
    }
    return Thumbnail.of(luma, w, h);
  }

  /**
   * One photo aligned with candidate after candidate, its crops remembered across them, gets the
   * alignment it gets alone: copies (which reach the fine stage) and other people alike.
   */
  @Test
  void aligningWithRememberedCrops_givesTheSameAlignments() {
    var original = SyntheticPortraits.portrait(1);
    Thumbnail owner = thumbnail(original);
    Thumbnail.Renders renders = new Thumbnail.Renders(owner);
    Random random = new Random(11);
    int fine = 0;
    for (int k = 0; k < 12; k++) {
      var other = k % 3 == 0 ? SyntheticPortraits.crop(original, 0.02 + 0.08 * random.nextDouble(), random)
          : SyntheticPortraits.portrait(2 + k);
      Thumbnail t = thumbnail(other);
      Thumbnail.Alignment alone = owner.align(t);
      assertThat(owner.align(t, renders)).as("candidate %d", k).isEqualTo(alone);
      fine += alone.detail() >= 0 ? 1 : 0;
    }
    assertThat(fine).as("copies reached the fine stage").isGreaterThanOrEqualTo(3);
  }

  @Test
  void match_staysQuiet_forDifferentPeople() throws IOException {
    Path files = files();
    for (int i = 0; i < 6; i++) {
      SyntheticPortraits.write(SyntheticPortraits.portrait(100 + i), "jpeg", files.resolve(i + ".jpg"));
    }
    PhotoMatcher.Result r = run(withPhoto("A0", "0.jpg"), withPhoto("A1", "1.jpg"), withPhoto("A2", "2.jpg"),
        withPhoto("A3", "3.jpg"), withPhoto("A4", "4.jpg"), withPhoto("A5", "5.jpg"));
    assertThat(r.matches()).isEmpty();
    assertThat(r.photosHashed()).isEqualTo(6);
  }

  @Test
  void match_rejectsHostilePhotos_withReasons_andStillMatchesTheGoodOnes() throws IOException {
    Path files = files();
    var original = SyntheticPortraits.portrait(5);
    SyntheticPortraits.write(original, "png", files.resolve("good1.png"));
    SyntheticPortraits.write(SyntheticPortraits.reencode(original, 0.7f), "jpeg", files.resolve("good2.jpg"));
    Files.write(files.resolve("empty.jpg"), new byte[0]);
    byte[] jpeg = Files.readAllBytes(files.resolve("good2.jpg"));
    Files.write(files.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, 200));
    Files.writeString(files.resolve("text.jpg"), "this is not an image at all, just words");
    Files.write(files.resolve("huge.png"), hugePng(10_000, 5_000));
    Files.writeString(files.resolve("face.exe"), "MZ");
    PhotoMatcher.Result r = run(withPhoto("A1", "good1.png"), withPhoto("A2", "good2.jpg"),
        withPhoto("B1", "empty.jpg"), withPhoto("B2", "truncated.jpg"), withPhoto("B3", "text.jpg"),
        withPhoto("B4", "huge.png"), withPhoto("B5", "../../etc/passwd"), withPhoto("B6", "/etc/passwd"),
        withPhoto("B7", "missing.jpg"), withPhoto("B8", "face.exe"));
    assertThat(r.matches()).extracting(PhotoMatcher.Match::applicantB).containsExactly("A2");
    assertThat(r.problems()).extracting(PhotoMatcher.Problem::applicantId)
        .containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8");
    assertThat(r.problems()).extracting(PhotoMatcher.Problem::reason).satisfiesExactly(
        empty -> assertThat(empty).contains("empty"),
        truncated -> assertThat(truncated).contains("corrupt"),
        text -> assertThat(text).contains("not an image"),
        huge -> assertThat(huge).contains("50000000 pixels").contains("not decoded"),
        climb -> assertThat(climb).contains("climbs out of files/"),
        absolute -> assertThat(absolute).contains("absolute path"),
        missing -> assertThat(missing).contains("missing"),
        exe -> assertThat(exe).contains("only .jpg"));
  }

  @Test
  void match_refusesASymlink_thatLeavesFiles() throws IOException {
    Path files = files();
    Path outside = Files.writeString(dataset.resolve("secret.png"), "secret");
    try {
      Files.createSymbolicLink(files.resolve("link.png"), outside);
    } catch (UnsupportedOperationException | IOException e) {
      return; // no symlinks on this file system: nothing to test
    }
    assertThat(run(withPhoto("A1", "link.png")).problems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("leaves files/"));
  }

  @Test
  void decode_subsamplesALargePhoto_withinTheBudget() throws IOException {
    Path files = files();
    var big = SyntheticPortraits.resize(SyntheticPortraits.portrait(9), 8.0); // 2400x3040, 7.3 MP
    SyntheticPortraits.write(big, "png", files.resolve("big.png"));
    PhotoDecoder.Decoded d = new PhotoDecoder(PhotoMatcher.DEFAULT_MAX_PIXELS).decode(files.resolve("big.png"), "png");
    assertThat(d.ok()).isTrue();
    assertThat((long) d.width() * d.height()).isLessThanOrEqualTo(PhotoDecoder.TARGET_PIXELS * 2);
  }

  /** A valid grayscale PNG of w×h black pixels: tiny on disk, w×h bytes if decoded. */
  static byte[] hugePng(int w, int h) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0)
        .put((byte) 0).put((byte) 0);
    chunk(png, "IHDR", ihdr.array());
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    try (OutputStream z = new DeflaterOutputStream(idat)) {
      byte[] row = new byte[w + 1];
      for (int y = 0; y < h; y++) {
        z.write(row);
      }
    }
    chunk(png, "IDAT", idat.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
