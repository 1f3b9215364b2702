package org.unmask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The match lines are the bytes a JSON generator writes, however hostile the names in them. */
class MatchLinesTest {

  private static final List<String> AWKWARD = List.of("plain", "C:\\Users\\a \"quoted\" name.jsonl", "tab\there\nnewline\r\u0000\u001f",
      "non-ASCII: ü 東京 \uD83D\uDE00", "lone surrogate \uD800 here", "</script><b>", "");

  /** A rule as the lines see it: whatever object stands for it, with its id, title and level. */
  private record Rule(String id, String title, String level) {}

  @Test
  void writesWhatJacksonWrites_forEveryAwkwardString_withEachRulesEncodingRemembered() throws IOException {
    List<Rule> rules = new java.util.ArrayList<>();
    for (String text : AWKWARD) {
      rules.add(new Rule(text, "title: " + text, "high"));
    }
    rules.add(new Rule(null, "a rule with no id", "low"));
    rules.add(new Rule("long", "x".repeat(70_000) + "\"", "informational")); // longer than the write buffer
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    MatchLines lines = new MatchLines(ours);
    ByteArrayOutputStream theirs = new ByteArrayOutputStream();
    JsonGenerator json = new JsonFactory().createGenerator(new OutputStreamWriter(theirs, StandardCharsets.UTF_8));
    json.setRootValueSeparator(null);
    long[] numbers = {1, 9, 10, 123_456_789_012L, Long.MAX_VALUE, 0, -5, Long.MIN_VALUE};
    int n = 0;
    for (int round = 0; round < 20; round++) { // later rounds read the remembered encodings, across buffer ends
      for (String file : AWKWARD) {
        for (Rule rule : rules) {
          long line = numbers[n++ % numbers.length];
          // every other line as a correlation's, encoded afresh
          lines.write(file, line, n % 2 == 0 ? rule : null, rule.id(), rule.title(), rule.level());
          json.writeStartObject();
          json.writeStringField("file", file);
          json.writeNumberField("line", line);
          json.writeStringField("rule_id", rule.id());
          json.writeStringField("title", rule.title());
          json.writeStringField("level", rule.level());
          json.writeEndObject();
          json.writeRaw('\n');
        }
      }
    }
    lines.flush();
    json.flush();
    assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(theirs.toString(StandardCharsets.UTF_8));
    assertThat(ours.toByteArray()).isEqualTo(theirs.toByteArray());
  }
}
