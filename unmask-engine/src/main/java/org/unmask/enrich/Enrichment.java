package org.unmask.enrich;

import java.util.function.UnaryOperator;
import org.unmask.event.Event;
import org.unmask.reference.ReferenceData;

/** Everything a scan adds to an event before detection: IP intelligence, then tool names. */
public final class Enrichment implements UnaryOperator<Event> {

  private final IpEnricher ips;
  private final ToolEnricher tools;

  public Enrichment(IpEnricher ips, ToolEnricher tools) {
    this.ips = ips;
    this.tools = tools;
  }

  /** The shipped data (or a user's data folder, when given) against this dataset's watchlists. */
  public static Enrichment forDataset(String dataDir, ReferenceData reference) {
    return new Enrichment(new IpEnricher(IpIntel.forDataDirectory(dataDir), reference),
        new ToolEnricher(RmmCatalog.shipped()));
  }

  /** Watchlist ip and cidr rows that could not be used, each with why (for rejected.jsonl). */
  public java.util.List<String> watchlistProblems() {
    return ips.watchlistProblems();
  }

  @Override
  public Event apply(Event event) {
    return tools.enrich(ips.enrich(withoutForgedVerdicts(event)));
  }

  /**
   * Log fields are attacker-controlled: a line must not arrive already saying
   * {@code source.unmask.allow: true}. Every {@code *.unmask.*} field is Unmask's own and is dropped
   * from input before enrichment sets it.
   */
  static Event withoutForgedVerdicts(Event event) {
    boolean forged = false;
    for (String key : event.fields().keySet()) {
      if (key.contains(".unmask.") || key.startsWith("unmask.")) {
        forged = true;
        break;
      }
    }
    if (!forged) {
      return event;
    }
    java.util.Map<String, Object> clean = new java.util.HashMap<>(event.fields());
    clean.keySet().removeIf(k -> k.contains(".unmask.") || k.startsWith("unmask."));
    return new Event(event.timestamp(), event.dataset(), clean, event.source());
  }
}
