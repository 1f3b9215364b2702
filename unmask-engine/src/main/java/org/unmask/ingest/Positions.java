package org.unmask.ingest;

import java.util.Arrays;

/**
 * What was found for the name at each position of the last objects read, two ways. Events of one
 * kind list their fields in the same order, and parsers hand out one String per field name, so
 * the name at a position is recognised by identity before any hash lookup. Two ways, because logs
 * interleave kinds whose fields differ (process creations and network connections): a name found
 * in the second way swaps the ways, a new name pushes the first way into the second.
 *
 * <p>Grows with the positions met, up to a bound; later positions are not remembered.
 * Not thread-safe.
 *
 * @param <V> what is found for a name
 */
public final class Positions<V> {

  private final int max;
  private String[] names = new String[8];
  private Object[] found = new Object[8];
  private String[] otherNames = new String[8];
  private Object[] otherFound = new Object[8];

  /** @param max positions remembered (0 to max - 1) */
  public Positions(int max) {
    this.max = max;
  }

  /** What was found for this very name instance at this position, or null. */
  @SuppressWarnings("unchecked")
  public V get(int position, String name) {
    if (position >= names.length) {
      return null;
    }
    if (names[position] == name) {
      return (V) found[position];
    }
    if (otherNames[position] == name) {
      Object v = otherFound[position];
      otherNames[position] = names[position];
      otherFound[position] = found[position];
      names[position] = name;
      found[position] = v;
      return (V) v;
    }
    return null;
  }

  /** Remembers what was found for a name at a position (ignored past the bound). */
  public void put(int position, String name, V value) {
    if (position >= max) {
      return;
    }
    if (position >= names.length) {
      int size = Math.min(max, Math.max(position + 1, names.length * 2));
      names = Arrays.copyOf(names, size);
      found = Arrays.copyOf(found, size);
      otherNames = Arrays.copyOf(otherNames, size);
      otherFound = Arrays.copyOf(otherFound, size);
    }
    otherNames[position] = names[position];
    otherFound[position] = found[position];
    names[position] = name;
    found[position] = value;
  }
}
