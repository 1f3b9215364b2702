package org.unmask.flink;

/** Sigma rules over sign-ins that the Flink tests correlate across people and judge subtasks. */
public final class SigninRules {

  private SigninRules() {}

  /** Every successful sign-in: the base rule the correlations count. */
  public static final String SUCCESSFUL_SIGNIN = """
      title: Successful sign-in
      id: 8a1c2a8e-7d3b-4c1e-9f00-2b8e5d7c1a03
      name: successful_signin
      logsource:
        product: unmask
        category: signin
      detection:
        selection:
          event.outcome: success
        condition: selection
      level: informational
      """;
}
