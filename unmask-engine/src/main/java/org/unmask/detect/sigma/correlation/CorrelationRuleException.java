package org.unmask.detect.sigma.correlation;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when correlation rules are invalid; carries every problem found, not only the first. */
public final class CorrelationRuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<CorrelationProblem> problems;

  CorrelationRuleException(List<CorrelationProblem> problems) {
    super(problems.stream().map(CorrelationProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in document order. */
  public List<CorrelationProblem> problems() {
    return problems;
  }
}
