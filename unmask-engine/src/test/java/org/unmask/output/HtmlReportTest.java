package org.unmask.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unmask.scan.ScanResult;
import org.unmask.scan.ScanStats;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;
import org.unmask.verdict.Reason;
import org.unmask.verdict.SharedAttribute;

class HtmlReportTest {

  private static final String XSS = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";

  @Test
  void everyValueFromTheData_isEscaped() throws Exception {
    ScanResult result = new ScanResult(List.of(),
        List.of(new PersonVerdict(XSS, 90, true, Instant.EPOCH, List.of(new Reason(XSS, XSS, 10)))),
        List.of(new Farm(XSS, List.of(XSS), List.of(XSS), List.of(XSS), List.of(new SharedAttribute(XSS, XSS)), 50)),
        List.of(new ApplicantVerdict(XSS, 80, true, List.of(new Reason(XSS, XSS, 1)))),
        new ScanStats(1, 1, Map.of(XSS, 1L), 0, Instant.EPOCH, Instant.EPOCH, Duration.ofSeconds(1)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HtmlReport.write(out, result, XSS);
    String html = out.toString(StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=alert(2)>");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).doesNotContain("http://").doesNotContain("https://"); // self-contained: nothing to fetch
  }
}
