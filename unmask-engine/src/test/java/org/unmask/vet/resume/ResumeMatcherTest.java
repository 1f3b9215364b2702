package org.unmask.vet.resume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.reference.Applicant;
import org.unmask.vet.files.DatasetFiles;

class ResumeMatcherTest {

  @TempDir Path dataset;

  static Applicant withResume(String id, String name, String resume) {
    return new Applicant(id, Instant.parse("2026-03-01T00:00:00Z"), name, null, null, null, null, null, null, null,
        null, null, null, null, null, resume, null, null, null);
  }

  private Path files() throws IOException {
    return Files.createDirectories(dataset.resolve("files"));
  }

  private ResumeMatcher.Result run(ResumeReader.Limits limits, Applicant... applicants) {
    return new ResumeMatcher(new DatasetFiles(dataset.resolve("files")), limits).match(List.of(applicants));
  }

  private static ResumeReader.Limits tight() {
    return new ResumeReader.Limits(10L * 1024 * 1024, 40, 16L * 1024 * 1024, 1024 * 1024, 200_000, 20_000);
  }

  @Test
  void match_firesOnARenamedEditedCopy_sentAsPdf() throws IOException {
    Path files = files();
    String ann = SyntheticResumes.name(1);
    String text = SyntheticResumes.resume(1, ann);
    String copy = SyntheticResumes.copy(text, ann, "Bo Kim", 2, new Random(1));
    Files.writeString(files.resolve("ann.txt"), text);
    Files.write(files.resolve("bo.pdf"), pdf(copy));
    Files.writeString(files.resolve("cy.txt"), SyntheticResumes.resume(2, "Cy Diaz"));
    ResumeMatcher.Result r = run(tight(), withResume("A1", ann, "ann.txt"), withResume("A2", "Bo Kim", "bo.pdf"),
        withResume("A3", "Cy Diaz", "cy.txt"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.texts().get("A2")).contains("EXPERIENCE");
    assertThat(r.matches()).singleElement().satisfies(m -> {
      assertThat(m.applicantA() + m.applicantB()).isEqualTo("A1A2");
      assertThat(m.similarity()).isGreaterThanOrEqualTo(ResumeMatcher.MIN_SIMILARITY);
      assertThat(m.cluster()).startsWith("minhash:");
    });
  }

  @Test
  void match_staysQuiet_forDifferentResumes_fromOneTemplate() throws IOException {
    Path files = files();
    Applicant[] as = new Applicant[8];
    for (int i = 0; i < as.length; i++) {
      String name = SyntheticResumes.name(50 + i);
      Files.writeString(files.resolve(i + ".txt"), SyntheticResumes.resume(50 + i, name));
      as[i] = withResume("A" + i, name, i + ".txt");
    }
    assertThat(run(tight(), as).matches()).isEmpty();
  }

  @Test
  void read_rejectsHostileResumes_withReasons() throws IOException {
    Path files = files();
    Files.write(files.resolve("empty.txt"), new byte[0]);
    Files.writeString(files.resolve("blank.txt"), "   \n\n  Resume  \n");
    byte[] garbage = new byte[4096];
    new Random(1).nextBytes(garbage);
    Files.write(files.resolve("garbage.txt"), garbage);
    Files.writeString(files.resolve("fake.pdf"), "just text pretending to be a PDF");
    Files.write(files.resolve("pages.pdf"), manyPages(300));
    Files.write(files.resolve("bomb.pdf"), flateBomb(20 * 1024 * 1024));
    Files.write(files.resolve("nested.pdf"), deeplyNested(200_000));
    Files.writeString(files.resolve("cv.docx"), "PK");
    ResumeMatcher.Result r = run(tight(), withResume("B1", "x", "empty.txt"), withResume("B2", "x", "blank.txt"),
        withResume("B3", "x", "garbage.txt"), withResume("B4", "x", "fake.pdf"), withResume("B5", "x", "pages.pdf"),
        withResume("B6", "x", "bomb.pdf"), withResume("B7", "x", "nested.pdf"), withResume("B8", "x", "missing.txt"),
        withResume("B9", "x", "../people.csv"), withResume("B10", "x", "cv.docx"));
    assertThat(r.problems()).extracting(ResumeMatcher.Problem::applicantId)
        .containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10");
    assertThat(r.problems()).extracting(ResumeMatcher.Problem::reason).satisfiesExactly(
        empty -> assertThat(empty).contains("empty"),
        blank -> assertThat(blank).contains("too short"),
        garbageReason -> assertThat(garbageReason).contains("binary"),
        fake -> assertThat(fake).contains("not a PDF"),
        pages -> assertThat(pages).contains("300 pages"),
        bomb -> assertThat(bomb).contains("decompresses past"),
        nested -> assertThat(nested).containsAnyOf("nested too deeply", "corrupt", "too short"),
        missing -> assertThat(missing).contains("missing"),
        climb -> assertThat(climb).contains("climbs out"),
        docx -> assertThat(docx).contains("only plain text and PDF"));
    assertThat(r.matches()).isEmpty();
  }

  static byte[] pdf(String text) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 8);
        cs.setLeading(10);
        cs.newLineAtOffset(30, 760);
        for (String line : text.split("\n")) {
          cs.showText(line.replace('\u2013', '-'));
          cs.newLine();
        }
        cs.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  static byte[] manyPages(int n) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      for (int i = 0; i < n; i++) {
        doc.addPage(new PDPage());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** One page whose content stream inflates from a few kilobytes to {@code inflated} bytes. */
  static byte[] flateBomb(int inflated) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      COSStream stream = doc.getDocument().createCOSStream();
      try (OutputStream os = stream.createOutputStream(COSName.FLATE_DECODE)) {
        byte[] spaces = new byte[64 * 1024];
        java.util.Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < inflated / spaces.length; i++) {
          os.write(spaces);
        }
      }
      page.setContents(new PDStream(stream));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** A PDF whose catalog holds an array nested {@code depth} levels deep. */
  static byte[] deeplyNested(int depth) {
    String body = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Deep " + "[".repeat(depth) + "]".repeat(depth)
        + " >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    return body.getBytes(StandardCharsets.US_ASCII);
  }
}
