package org.unmask.server.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.unmask.verdict.ApplicantVerdict;
import org.unmask.verdict.Farm;
import org.unmask.verdict.PersonVerdict;

/**
 * The latest published conclusion, pseudonymised: persons by risk, farms by score, applicants by
 * risk. Immutable; replaced whole at each publication.
 *
 * @param at when it was published
 * @param asOf the event time risk was decayed to, or null before any event
 */
public record LiveView(Instant at, Instant asOf, List<PersonVerdict> persons, List<Farm> farms,
    List<ApplicantVerdict> applicants, Map<String, PersonVerdict> personsById) {

  public static final LiveView EMPTY = of(Instant.EPOCH, null, List.of(), List.of(), List.of());

  public static LiveView of(Instant at, Instant asOf, List<PersonVerdict> persons, List<Farm> farms,
      List<ApplicantVerdict> applicants) {
    return new LiveView(at, asOf, List.copyOf(persons), List.copyOf(farms), List.copyOf(applicants),
        persons.stream().collect(Collectors.toUnmodifiableMap(PersonVerdict::personId, Function.identity(), (a, b) -> a)));
  }

  public Optional<PersonVerdict> person(String personId) {
    return Optional.ofNullable(personsById.get(personId));
  }

  public Optional<Farm> farm(String farmId) {
    return farms.stream().filter(f -> f.farmId().equals(farmId)).findFirst();
  }
}
