/**
 * Windows event log adapter (evtx_dump JSON, Winlogbeat ECS, NXLog): Sysmon process, network and
 * DNS events, Security logons and USB arrivals onto the contract, raw field names kept for Sigma.
 */
package org.unmask.ingest.windows;
