package org.unmask.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.EntityRef;
import org.unmask.event.Finding;
import org.unmask.event.Severity;
import org.unmask.event.SourceRef;

class JsonLinesTest {

  @Test
  void loneSurrogatesFromEventFields_areWrittenAsReplacementCharacters_pairsAsThemselves() throws Exception {
    // an event's "host":{"id":"\ud800"} is valid JSON syntax; written back as it is, strict readers refuse the output
    Finding f = new Finding("f-1", "r", "t", Severity.LOW, List.of(), Instant.parse("2026-05-04T10:00:00Z"),
        EntityRef.device("\uD800"), 1, List.of(new SourceRef("e.jsonl", 1)), "device \uDC00 and a face \uD83D\uDE00");
    String line = JsonLines.findingLine(f);
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)); // throws if not whole characters
    assertThat(line).contains("\"id\":\"\uFFFD\"").contains("device \uFFFD and a face ")
        .containsAnyOf("\uD83D\uDE00", "\\uD83D\\uDE00") // the pair kept, as itself or escaped whole
        .doesNotContain("\\uD800").doesNotContain("\\uDC00");
  }
}
