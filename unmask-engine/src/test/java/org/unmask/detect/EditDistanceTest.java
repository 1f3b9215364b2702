package org.unmask.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

  @Test
  void countsInsertionsDeletionsAndSubstitutions() {
    assertThat(EditDistance.between("contians", "contains")).isEqualTo(2);
    assertThat(EditDistance.between("contain", "contains")).isEqualTo(1);
    assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    assertThat(EditDistance.between("same", "same")).isZero();
  }

  @Test
  void wordsOfVeryDifferentLengths_orHugeOnes_areFar_withoutTheQuadraticWork() {
    assertThat(EditDistance.between("a", "abcdefghijk")).isEqualTo(EditDistance.FAR);
    String huge = "x".repeat(1_000_000);
    assertThat(EditDistance.between(huge, huge)).isEqualTo(EditDistance.FAR);
  }

  @Test
  void aThirdChanged_isStillClose_twoEditsAlwaysAre() {
    assertThat(EditDistance.isClose(2, 3)).isTrue();
    assertThat(EditDistance.isClose(3, 9)).isTrue();
    assertThat(EditDistance.isClose(4, 9)).isFalse();
  }
}
