/**
 * Per-entity state behind one small interface, so the same detector runs on a laptop (a map) and
 * in Flink keyed operators (Flink state).
 */
package org.unmask.state;
