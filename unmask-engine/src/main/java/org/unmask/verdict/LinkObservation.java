package org.unmask.verdict;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.unmask.event.SourceRef;

/**
 * A link of the farm graph with when it was established and the records that show it. Detectors
 * keyed by a shared attribute report these as they happen, so a farm can be dated to the moment
 * its members first shared infrastructure.
 */
public record LinkObservation(IdentityLink link, Instant at, List<SourceRef> evidence) {
  public LinkObservation {
    requireNonNull(link, "link");
    requireNonNull(at, "at");
    evidence = List.copyOf(evidence);
  }
}
