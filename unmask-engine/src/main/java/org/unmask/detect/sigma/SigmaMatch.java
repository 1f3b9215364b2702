package org.unmask.detect.sigma;

import static java.util.Objects.requireNonNull;

import org.unmask.event.Event;

/**
 * A rule that fired on an event. Correlation rules find their base rules through
 * {@code rule().id()} and {@code rule().name()}.
 */
public record SigmaMatch(SigmaRule rule, Event event) {

  public SigmaMatch {
    requireNonNull(rule, "rule");
    requireNonNull(event, "event");
  }
}
