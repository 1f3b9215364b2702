/**
 * The job's operators, each a thin shell around engine classes: {@link org.unmask.flink.operators.Ingest}
 * parses, enriches and routes; {@link org.unmask.flink.operators.Judge} runs detectors and rules per
 * key in event-time order with Flink state; {@link org.unmask.flink.operators.Conclude} runs the
 * whole-picture stage and publishes. No detection logic lives here.
 */
package org.unmask.flink.operators;
