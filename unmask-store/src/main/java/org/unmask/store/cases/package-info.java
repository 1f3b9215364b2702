/**
 * Cases: a person whose risk crossed the threshold, and what analysts did about it. A case moves
 * open → investigating → escalated (to HR or legal) → closed as confirmed, benign or false
 * positive; notes are append-only. Scans only refresh a case's risk and reasons; its status,
 * assignee and notes belong to people. Every change is written to the audit log in the same
 * transaction.
 */
package org.unmask.store.cases;
