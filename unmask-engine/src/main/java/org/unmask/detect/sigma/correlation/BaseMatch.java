package org.unmask.detect.sigma.correlation;

import static java.util.Objects.requireNonNull;

import org.unmask.event.Event;

/**
 * A base Sigma rule matched an event: the correlation engine's input. It carries only what the
 * engine needs, so correlation does not depend on the detection-rule matcher's internals.
 *
 * @param ruleId the matched rule's {@code id}, or null when the rule has none
 * @param ruleName the matched rule's {@code name}, or null when the rule has none
 * @param event the event it matched
 */
public record BaseMatch(String ruleId, String ruleName, Event event) {

  public BaseMatch {
    if (ruleId == null && ruleName == null) {
      throw new IllegalArgumentException("a base match needs the rule's id or name");
    }
    requireNonNull(event, "event");
  }
}
