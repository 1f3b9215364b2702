package org.unmask.server.ingest;

import java.util.List;

/**
 * What happened to one posted batch.
 *
 * @param rejections the first rejected lines with their reasons (at most {@link Intake#MAX_REJECTIONS_SHOWN})
 */
public record IntakeReceipt(int accepted, int rejected, int duplicates, List<Rejected> rejections) {

  /** A line that was not accepted, and why. */
  public record Rejected(long line, String reason) {}

  public IntakeReceipt {
    rejections = List.copyOf(rejections);
  }
}
