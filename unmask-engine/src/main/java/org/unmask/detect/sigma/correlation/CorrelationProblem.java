package org.unmask.detect.sigma.correlation;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a correlation rule, located at the start of its YAML document (a parsed
 * document map no longer knows the lines of its keys).
 *
 * @param file the rule file as the loader named it
 * @param line the 1-based line where the YAML document starts
 * @param message what is wrong and what to do
 */
public record CorrelationProblem(String file, int line, String message) {

  public CorrelationProblem {
    requireNonNull(file, "file");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
