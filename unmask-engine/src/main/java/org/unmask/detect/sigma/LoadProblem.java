package org.unmask.detect.sigma;

import static java.util.Objects.requireNonNull;

/**
 * Something wrong with a rule file, with the place and a way out.
 *
 * <p>An {@link Severity#ERROR} means the rule (or the whole file) could not be loaded or cannot
 * run; a {@link Severity#WARNING} is about style or portability and the rule still runs.
 *
 * @param file the rule file as given
 * @param line the 1-based line the problem is on (the document's first line when unknown)
 * @param severity error or warning
 * @param message what is wrong
 * @param suggestion what to do about it, or empty
 */
public record LoadProblem(String file, int line, Severity severity, String message, String suggestion) {

  /** Whether the rule still runs. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public LoadProblem {
    requireNonNull(file, "file");
    requireNonNull(severity, "severity");
    requireNonNull(message, "message");
    suggestion = suggestion == null ? "" : suggestion;
  }

  static LoadProblem error(String file, int line, String message, String suggestion) {
    return new LoadProblem(file, line, Severity.ERROR, message, suggestion);
  }

  static LoadProblem warning(String file, int line, String message, String suggestion) {
    return new LoadProblem(file, line, Severity.WARNING, message, suggestion);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line: message; suggestion}, the form editors and CI annotate. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + (isError() ? "" : "warning: ") + message
        + (suggestion.isEmpty() ? "" : "; " + suggestion);
  }
}
