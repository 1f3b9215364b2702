/**
 * The Apache Flink job: the engine's detectors, Sigma rules, correlations and conclusions on
 * Kafka, for companies whose telemetry outgrows one machine. Only this module imports Flink; every
 * judgement is made by engine classes (see {@code FlinkModuleDefinesNoRulesTest}).
 */
package org.unmask.flink;
