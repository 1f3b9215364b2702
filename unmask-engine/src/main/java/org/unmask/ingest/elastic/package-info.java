/**
 * Elastic Defend adapter: the endpoint integration's process starts and connections onto
 * {@code endpoint.process} and {@code network.flow}.
 */
package org.unmask.ingest.elastic;
