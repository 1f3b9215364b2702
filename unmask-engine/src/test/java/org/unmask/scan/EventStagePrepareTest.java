package org.unmask.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.Rules;
import org.unmask.enrich.Enrichment;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.ingest.Dataset;
import org.unmask.ingest.EventStream;
import org.unmask.reference.ReferenceData;

/**
 * The server prepares events (enrichment, single-event rule matching) on many threads and judges
 * them in order on one: that must give exactly the findings of judging them one by one.
 */
class EventStagePrepareTest {

  @Test
  void preparingInParallel_thenAcceptingInOrder_findsWhatASequentialScanFinds() {
    Dataset ds = Dataset.open(Path.of("..", "examples", "demo"));
    ReferenceData reference = ds.readReference(r -> { });
    List<Event> events = new ArrayList<>();
    try (EventStream s = ds.events(r -> { })) {
      s.forEachRemaining(events::add);
    }
    var rules = Rules.load(ScanOptions.defaults(Path.of("unused")));
    EventStage sequential = new EventStage(reference, Enrichment.forDataset(null, reference), rules);
    events.forEach(sequential::accept);

    var rulesAgain = Rules.load(ScanOptions.defaults(Path.of("unused")));
    EventStage split = new EventStage(reference, Enrichment.forDataset(null, reference), rulesAgain);
    List<EventStage.Prepared> prepared = events.parallelStream().map(split::prepare).toList();
    prepared.forEach(split::accept);

    List<String> a = sequential.findings().stream().map(Finding::id).toList();
    List<String> b = split.findings().stream().map(Finding::id).toList();
    assertThat(a).isNotEmpty();
    assertThat(b).isEqualTo(a);
  }
}
