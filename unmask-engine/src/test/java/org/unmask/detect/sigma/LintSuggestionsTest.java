package org.unmask.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Typos a detection engineer makes get the word they meant. */
class LintSuggestionsTest {

  private static final String HEAD = "title: t\nid: 7f7b3c8e-2b1c-4c1e-9a51-0c6f0f7d8e11\nlevel: low\n";

  private static List<LoadProblem> problems(String logsource, String condition) {
    return SigmaTesting.problems(HEAD + "logsource:\n  product: windows\n" + logsource + "detection:\n"
        + "  selection: {Image: x}\n  filter: {User: y}\n  condition: " + condition + "\n");
  }

  @Test
  void conditionOperatorTypos_suggestTheOperator() {
    assertThat(problems("", "selection adn not filter")).anySatisfy(p -> assertThat(p.toString()).contains("did you mean 'and'?"));
    assertThat(problems("", "selection and nto filter")).anySatisfy(p -> assertThat(p.toString()).contains("did you mean 'not'?"));
    assertThat(problems("", "1 of tehm")).anySatisfy(p -> assertThat(p.toString()).contains("did you mean 'them'?"));
    // an unknown name that is no operator's typo is not offered one
    assertThat(problems("", "selection and other")).anySatisfy(p -> assertThat(p.toString())
        .contains("unknown search identifier 'other'").doesNotContain("did you mean 'or'"));
  }

  @Test
  void logsourceAttributeTypos_areWarnedAbout() {
    assertThat(problems("  categroy: process_creation\n", "selection")).anySatisfy(p -> {
      assertThat(p.isError()).isFalse();
      assertThat(p.toString()).contains("unknown logsource attribute 'categroy'; did you mean 'category'?");
    });
    assertThat(problems("  category: process_creation\n", "selection"))
        .noneSatisfy(p -> assertThat(p.toString()).contains("logsource attribute"));
  }
}
