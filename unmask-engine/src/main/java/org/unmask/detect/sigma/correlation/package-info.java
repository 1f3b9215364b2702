/**
 * Sigma correlation rules (meta-rules, specification v2.1.0): rules that fire on patterns of base
 * Sigma matches rather than on single events. {@link
 * org.unmask.detect.sigma.correlation.CorrelationRule#parse} reads one YAML document with a
 * top-level {@code correlation:} key; {@link org.unmask.detect.sigma.correlation.CorrelationEngine}
 * consumes base-rule matches in event-time order and emits {@link
 * org.unmask.detect.sigma.correlation.CorrelationMatch}es. Per-group window state lives behind
 * {@link org.unmask.state.State} through a {@link
 * org.unmask.detect.sigma.correlation.StateProvider}, so the engine runs unchanged on a map (local
 * scan) or on Flink keyed state. Semantics choices are documented in docs/rules-correlations.md.
 */
package org.unmask.detect.sigma.correlation;
