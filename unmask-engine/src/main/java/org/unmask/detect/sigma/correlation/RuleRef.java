package org.unmask.detect.sigma.correlation;

/**
 * The identity of a loaded detection rule, so the engine can check that every correlation reference
 * resolves and translate between the {@code name} and {@code id} spellings.
 *
 * @param id the rule's {@code id}, or null
 * @param name the rule's {@code name}, or null
 */
public record RuleRef(String id, String name) {}
