/**
 * What the server measures, in Prometheus format at {@code /metrics} (Micrometer): events in,
 * events per second, findings, rejected and duplicate lines, refused batches, queue depth and the
 * detection latency (acknowledgement to queryable findings) with its p50/p99.
 */
package org.unmask.server.metrics;
