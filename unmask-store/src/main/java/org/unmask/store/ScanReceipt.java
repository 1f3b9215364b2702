package org.unmask.store;

/**
 * What {@link Store#saveScan} did.
 *
 * @param newFindings findings not seen before; the rest were refreshed
 * @param casesOpened cases created by this scan; existing cases were refreshed, not reopened
 * @param suppressed findings stored as suppressed by an active suppression
 */
public record ScanReceipt(String scanId, int findings, int newFindings, int persons, int casesOpened, int casesRefreshed,
    int suppressed) {}
