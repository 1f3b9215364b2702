package org.unmask.vet;

import java.util.Map;

/**
 * Vetting settings.
 *
 * @param applicantLines applicant id → 1-based line of applicants.csv, for evidence; when empty,
 *     vetting reads the lines itself from the applicants.csv beside {@code files/}
 * @param personLines person id → line of people.csv, likewise
 * @param hashKey HMAC key for the pseudonyms of shared identifiers; null for plain SHA-256
 * @param flagThreshold risk score (0–100) at which an applicant is flagged
 * @param maxPhotoPixels photos larger than this are refused without decoding
 */
public record VetOptions(
    Map<String, Long> applicantLines,
    Map<String, Long> personLines,
    byte[] hashKey,
    double flagThreshold,
    long maxPhotoPixels) {

  /** Risk score at which an applicant is flagged for a recruiter's second look. */
  public static final double DEFAULT_FLAG_THRESHOLD = 40;

  public VetOptions {
    applicantLines = applicantLines == null ? Map.of() : Map.copyOf(applicantLines);
    personLines = personLines == null ? Map.of() : Map.copyOf(personLines);
    hashKey = hashKey == null ? null : hashKey.clone();
    if (flagThreshold <= 0 || flagThreshold > 100) {
      throw new IllegalArgumentException("flagThreshold must be in (0, 100], was " + flagThreshold);
    }
    if (maxPhotoPixels <= 0) {
      throw new IllegalArgumentException("maxPhotoPixels must be positive, was " + maxPhotoPixels);
    }
  }

  public static VetOptions defaults() {
    return new VetOptions(Map.of(), Map.of(), null, DEFAULT_FLAG_THRESHOLD, 40_000_000L);
  }

  public VetOptions withLines(Map<String, Long> applicants, Map<String, Long> people) {
    return new VetOptions(applicants, people, hashKey, flagThreshold, maxPhotoPixels);
  }

  public VetOptions withHashKey(byte[] key) {
    return new VetOptions(applicantLines, personLines, key, flagThreshold, maxPhotoPixels);
  }
}
