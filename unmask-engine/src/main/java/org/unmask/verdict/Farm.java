package org.unmask.verdict;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A line of farms.jsonl: a suspected laptop farm or identity ring. */
public record Farm(
    String farmId,
    List<String> persons,
    List<String> devices,
    List<String> applicants,
    List<SharedAttribute> shared,
    double score) {
  public Farm {
    requireNonNull(farmId, "farmId");
    persons = List.copyOf(persons);
    devices = List.copyOf(devices);
    applicants = List.copyOf(applicants);
    shared = List.copyOf(shared);
  }
}
