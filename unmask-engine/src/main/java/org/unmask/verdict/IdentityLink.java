package org.unmask.verdict;

import static java.util.Objects.requireNonNull;

import org.unmask.event.EntityRef;

/**
 * An edge of the farm and ring graph: two entities share an attribute. {@code weight} (0..1) says
 * how telling the link is after discounts (a household, a co-working space, carrier NAT);
 * {@code explanation} says it in words.
 */
public record IdentityLink(EntityRef a, EntityRef b, SharedAttribute attribute, double weight, String explanation) {
  public IdentityLink {
    requireNonNull(a, "a");
    requireNonNull(b, "b");
    requireNonNull(attribute, "attribute");
    requireNonNull(explanation, "explanation");
  }
}
