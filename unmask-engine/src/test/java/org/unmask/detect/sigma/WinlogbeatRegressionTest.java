package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.unmask.event.Event;
import org.unmask.event.SourceRef;

/**
 * The SigmaHQ regression samples again, as Winlogbeat 8 would ship them: every sample must fire its
 * rule through the winlogbeat pipeline too. The samples are evtx_dump JSON; each is rewritten the
 * way Winlogbeat renders the same record ({@code winlog.channel}, {@code winlog.event_id} as a
 * string, {@code winlog.provider_name}, {@code winlog.event_data.*}, {@code winlog.user_data.*},
 * ...), so a mapping the pipeline lacks shows here as a sample that no longer fires.
 */
class WinlogbeatRegressionTest {

  @TestFactory
  Stream<DynamicTest> everyRegressionSample_firesItsRule_asWinlogbeatShipsIt() throws IOException {
    SigmaRuleSet rules = SigmaRuleSet.load(SigmaCorpusTest.corpusFolders(), Pipeline.named("winlogbeat"),
        SigmaConfig.defaults(), p -> {});
    return SigmaCorpusTest.regressionSamples().stream().map(sample -> DynamicTest.dynamicTest(sample.name(), () -> {
      Map<String, Integer> hits = new HashMap<>();
      for (Event e : sample.events()) {
        Event shipped = asWinlogbeat(e);
        assertThat(JsonEvents.shapeOf(shipped.fields())).isEqualTo("winlogbeat");
        rules.match(shipped, m -> hits.merge(m.rule().id(), 1, Integer::sum));
      }
      assertThat(hits.getOrDefault(sample.ruleId(), 0)).as("matches of %s in %s as Winlogbeat", sample.ruleId(), sample.json())
          .isPositive();
    }));
  }

  /** An evtx_dump record (flattened) as Winlogbeat 8 renders it (flattened). */
  static Event asWinlogbeat(Event evtx) {
    Map<String, Object> out = new LinkedHashMap<>();
    Object time = evtx.get("Event.System.TimeCreated.#attributes.SystemTime");
    if (time != null) {
      out.put("@timestamp", time);
    }
    Object id = evtx.get("Event.System.EventID");
    if (id == null) {
      id = evtx.get("Event.System.EventID.#text"); // <EventID Qualifiers="16384">7045</EventID>
    }
    if (id != null) {
      out.put("winlog.event_id", String.valueOf(id)); // a keyword (string) since Winlogbeat 7.x's ECS mapping
      out.put("event.code", String.valueOf(id));
    }
    copy(evtx, "Event.System.Channel", out, "winlog.channel");
    copy(evtx, "Event.System.Provider.#attributes.Name", out, "winlog.provider_name");
    copy(evtx, "Event.System.Provider.#attributes.Guid", out, "winlog.provider_guid");
    copy(evtx, "Event.System.Computer", out, "winlog.computer_name");
    copy(evtx, "Event.System.Execution.#attributes.ProcessID", out, "winlog.process.pid");
    copy(evtx, "Event.System.Execution.#attributes.ThreadID", out, "winlog.process.thread.id");
    copy(evtx, "Event.System.Security.#attributes.UserID", out, "winlog.user.identifier");
    Object record = evtx.get("Event.System.EventRecordID");
    if (record != null) {
      out.put("winlog.record_id", String.valueOf(record));
    }
    evtx.fields().forEach((k, v) -> {
      if (k.startsWith("Event.EventData.")) {
        out.put("winlog.event_data." + k.substring("Event.EventData.".length()), v);
      } else if (k.startsWith("Event.UserData.")) {
        // <UserData><LogFileCleared ...><SubjectUserName> -> winlog.user_data.SubjectUserName
        String rest = k.substring("Event.UserData.".length());
        int dot = rest.indexOf('.');
        out.put("winlog.user_data." + (dot < 0 ? rest : rest.substring(dot + 1)), v);
      }
    });
    return JsonEvents.toEvent(out, new SourceRef(evtx.source().file(), evtx.source().line()));
  }

  private static void copy(Event from, String key, Map<String, Object> out, String as) {
    Object v = from.get(key);
    if (v != null) {
      out.put(as, v);
    }
  }
}
