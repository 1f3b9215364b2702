package org.unmask.reference;

import java.util.function.Function;

/**
 * Something a detector derives from the reference data (an index of the watchlists, whether anyone
 * has left), computed once per {@link ReferenceData} and again only when a runtime replaces it
 * (the server's reference updates, the Flink job's broadcast sets). Compared by identity: a
 * reference is immutable, and a new one is a new object. Safe to share between threads: a race
 * at most computes the value twice.
 *
 * @param <T> what is derived
 */
public final class PerReference<T> {

  private record Derived<T>(ReferenceData reference, T value) {}

  private final Function<ReferenceData, T> derive;
  private volatile Derived<T> last;

  public PerReference(Function<ReferenceData, T> derive) {
    this.derive = derive;
  }

  /** The value for this reference data, derived on first use. */
  public T of(ReferenceData reference) {
    Derived<T> d = last;
    if (d == null || d.reference() != reference) {
      d = new Derived<>(reference, derive.apply(reference));
      last = d;
    }
    return d.value();
  }
}
