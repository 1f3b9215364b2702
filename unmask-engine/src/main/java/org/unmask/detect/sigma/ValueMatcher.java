package org.unmask.detect.sigma;

/** A test of one field value (one element when the field holds a list). */
interface ValueMatcher {

  /**
   * @param original the value as the event has it
   * @param lower the value lower-cased, for case-insensitive tests
   * @param view the event, for tests that compare with another field
   */
  boolean test(String original, String lower, EventView view);

  /** A rough relative cost, so that cheap tests run first inside and/or. */
  default int cost() {
    return 2;
  }
}
