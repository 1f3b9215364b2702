package org.unmask.detect.sigma;

import java.util.Map;

/**
 * A YAML document with a top-level {@code correlation:} key, kept as read for the correlation
 * engine ({@code org.unmask.detect.sigma.correlation}).
 *
 * @param document the document as plain maps, lists and scalars
 * @param file the file it came from
 * @param line the line the document starts on
 */
public record CorrelationDocument(Map<String, Object> document, String file, int line) {}
