/**
 * The wire: the engine's events, findings and links as bytes between operators and in state, and
 * the small Flink POJOs that carry them ({@link org.unmask.flink.wire.RawLine},
 * {@link org.unmask.flink.wire.Routed}, {@link org.unmask.flink.wire.Fact}).
 */
package org.unmask.flink.wire;
