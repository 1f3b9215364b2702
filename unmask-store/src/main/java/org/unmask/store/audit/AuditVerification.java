package org.unmask.store.audit;

/**
 * The result of checking the chain.
 *
 * @param rows rows checked
 * @param firstBadSeq the first row that does not verify, or -1 when the chain is intact
 * @param problem what is wrong with that row, or null
 * @param headHash the hash of the last row: record it elsewhere (a ticket, a log host) to detect a
 *     rewrite of the whole chain later
 */
public record AuditVerification(long rows, long firstBadSeq, String problem, String headHash) {
  public boolean intact() {
    return firstBadSeq < 0;
  }
}
