package org.unmask.detect.sigma.correlation;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test support: rule texts taken from the specification. */
final class TestRules {

  private TestRules() {}

  /** The specification's complete example "Failed Logins Followed by Successful Login". */
  static String bruteForceExample() throws IOException {
    String md =
        Files.readString(
            CorrelationRuleTest.SPEC.resolve(
                "specification/sigma-correlation-rules-specification.md"));
    Matcher m =
        Pattern.compile(
                "```yml\\n(title: Correlation - Multiple Failed Logins.*?)```", Pattern.DOTALL)
            .matcher(md);
    if (!m.find()) {
      throw new IllegalStateException("the specification no longer has the brute-force example");
    }
    return m.group(1);
  }
}
