package org.unmask.sim.hiring;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal one-page PDF holding plain text in Helvetica. Hand-written rather than through PDFBox so
 * the bytes depend on nothing but the text (PDFBox consults and caches the machine's fonts).
 */
final class TextPdf {

  static byte[] of(String text) {
    StringBuilder content = new StringBuilder("BT /F1 10 Tf 13 TL 54 740 Td\n");
    for (String line : text.split("\n", -1)) {
      content.append('(').append(escape(line)).append(") Tj T*\n");
    }
    content.append("ET\n");
    byte[] stream = content.toString().getBytes(StandardCharsets.ISO_8859_1);
    List<String> objects = new ArrayList<>();
    objects.add("<< /Type /Catalog /Pages 2 0 R >>");
    objects.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
    objects.add(null);
    objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "%PDF-1.4\n");
    long[] offsets = new long[objects.size()];
    for (int i = 0; i < objects.size(); i++) {
      offsets[i] = out.size();
      write(out, (i + 1) + " 0 obj\n");
      if (objects.get(i) == null) {
        write(out, "<< /Length " + stream.length + " >>\nstream\n");
        out.writeBytes(stream);
        write(out, "endstream\n");
      } else {
        write(out, objects.get(i) + "\n");
      }
      write(out, "endobj\n");
    }
    long xref = out.size();
    StringBuilder sb = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    for (long o : offsets) {
      sb.append(String.format("%010d 00000 n \n", o));
    }
    sb.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
    write(out, sb.toString());
    return out.toByteArray();
  }

  private static String escape(String line) {
    StringBuilder sb = new StringBuilder();
    for (char c : line.toCharArray()) {
      if (c == '(' || c == ')' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append('?');
      }
    }
    return sb.toString();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private TextPdf() {}
}
