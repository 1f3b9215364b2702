/**
 * The vocabulary every part of Unmask shares: telemetry {@link org.unmask.event.Event}s in, risk
 * {@link org.unmask.event.Finding}s out. Records only; no behaviour beyond validation.
 */
package org.unmask.event;
