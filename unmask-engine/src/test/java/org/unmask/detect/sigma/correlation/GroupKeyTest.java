package org.unmask.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupKeyTest {

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "+2.5", "1e3", "1.E-2", ".5", "5.", "007"})
  void number_readsDecimalText(String text) {
    assertThat(GroupKey.number(text)).isEqualTo(Double.parseDouble(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "NaN",
        "Infinity",
        "-Infinity",
        "1e999",
        "0x10",
        "1e",
        "e5",
        ".",
        "1.2.3",
        "12abc",
        "١٢",
        "1_000",
        "1d",
        "1f"
      })
  void number_rejectsEverythingElse_withoutThrowing(String text) {
    assertThat(GroupKey.number(text)).isNaN();
  }

  @Test
  void number_readsNumbersAndRejectsOtherTypes() {
    assertThat(GroupKey.number(5L)).isEqualTo(5);
    assertThat(GroupKey.number(2.5)).isEqualTo(2.5);
    assertThat(GroupKey.number(Double.POSITIVE_INFINITY)).isNaN();
    assertThat(GroupKey.number(true)).isNaN();
    assertThat(GroupKey.number(List.of(1))).isNaN();
    assertThat(GroupKey.number(null)).isNaN();
  }

  @Test
  void render_keepsTextAndListOrder_andRefusesObjects() {
    assertThat(GroupKey.render("a")).isEqualTo("a");
    assertThat(GroupKey.render(5.0)).isEqualTo("5");
    assertThat(GroupKey.render(5.5)).isEqualTo("5.5");
    assertThat(GroupKey.render(List.of("en-US", "ko-KR"))).isEqualTo("[en-US, ko-KR]");
    assertThat(GroupKey.render(Map.of("a", 1))).isNull();
    assertThat(GroupKey.render(null)).isNull();
  }

  @Test
  void of_isInjective_evenForValuesContainingTheSeparators() {
    assertThat(GroupKey.of(List.of("a;1:b", "c"))).isNotEqualTo(GroupKey.of(List.of("a", "b;1:c")));
    assertThat(GroupKey.of(List.of("", ""))).isNotEqualTo(GroupKey.of(List.of("")));
  }
}
