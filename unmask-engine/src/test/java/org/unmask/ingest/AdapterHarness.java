package org.unmask.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unmask.event.Event;

/** Reads vendor lines through a real dataset folder, as a scan would. */
public final class AdapterHarness {

  public final List<Event> events = new ArrayList<>();
  public final List<Rejection> rejections = new ArrayList<>();

  /** Writes the lines to {@code dir/events/<relative>} and reads the dataset. */
  public static AdapterHarness read(Path dir, String relative, List<String> lines) {
    TestDatasets.write(dir.resolve("events").resolve(relative), lines.toArray(String[]::new));
    AdapterHarness h = new AdapterHarness();
    try (EventStream s = Dataset.open(dir).events(h.rejections::add)) {
      s.forEachRemaining(h.events::add);
    }
    return h;
  }

  public List<Event> dataset(String dataset) {
    return events.stream().filter(e -> e.dataset().equals(dataset)).toList();
  }
}
