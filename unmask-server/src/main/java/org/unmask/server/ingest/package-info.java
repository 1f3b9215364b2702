/**
 * Durable intake: a batch of NDJSON lines is parsed (bad lines rejected one by one, with their
 * reason), stripped of events already seen (idempotent ids), appended to an fsynced append-only log
 * and only then acknowledged and queued for detection. The backlog between intake and detection is
 * bounded; past the bound the client is told to retry (429), never silently dropped. On restart the
 * whole log is replayed, which rebuilds detector state and finishes anything acknowledged but not
 * yet judged.
 */
package org.unmask.server.ingest;
