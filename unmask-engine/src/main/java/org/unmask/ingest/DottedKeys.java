package org.unmask.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * Flattened field names ({@code "source" + "ip" -> "source.ip"}), built once and reused, as a tree:
 * a nested name costs one lookup in its parent's children. Jackson hands out one canonical String
 * per field name, so the lookup hashes nothing new, and every event gets the same String instance
 * for a key, whose hash is cached and whose comparisons succeed on identity. The tree is bounded,
 * because keys are attacker-controlled: past the bound, keys are joined and not remembered.
 *
 * <p>Not thread-safe: one per parser or per thread.
 */
public final class DottedKeys {

  private static final int MAX_REMEMBERED = 50_000;
  /** Names whose children are also recognised by position; bounds the memory that takes. */
  private static final int MAX_PREDICTING = 1_024;
  /** Positions recognised in an object: later children are looked up by name. */
  private static final int MAX_POSITIONS = 64;

  private final Key root = new Key(this, "", "");
  private int remembered;
  private int predicting;

  /** The empty prefix: its children are the top-level names. */
  public Key root() {
    return root;
  }

  /** One flattened name and the names under it. */
  public static final class Key {
    private final DottedKeys tree;
    /** The dotted name; the empty string for the root. */
    public final String dotted;
    /** The last part of the name, as the parser handed it out. */
    private final String name;
    private final Map<String, Key> children = new HashMap<>();
    /**
     * The children met at each position of the last objects, two ways: events of one kind list
     * their fields in the same order, so a child is recognised by the identity of the name the
     * parser hands out (Jackson gives one String per name), without hashing. Two ways, because
     * logs interleave event kinds whose fields differ (process creations, network connections).
     */
    private Key[] atPosition;
    private Key[] otherAtPosition;

    private Key(DottedKeys tree, String dotted, String name) {
      this.tree = tree;
      this.dotted = dotted;
      this.name = name;
    }

    /** The key for {@code name} under this one. */
    public Key child(String name) {
      Key k = children.get(name);
      if (k == null) {
        k = new Key(tree, dotted.isEmpty() ? name : dotted + '.' + name, name);
        if (tree.remembered < MAX_REMEMBERED) {
          tree.remembered++;
          children.put(name, k);
        }
      }
      return k;
    }

    /** The same, for the child at {@code position} (0 for the first) of an object being read. */
    public Key child(int position, String name) {
      if (position >= MAX_POSITIONS || !predicts(position)) {
        return child(name);
      }
      Key k = atPosition[position];
      if (k != null && k.name == name) {
        return k;
      }
      Key other = otherAtPosition[position];
      Key found = other != null && other.name == name ? other : child(name);
      otherAtPosition[position] = k;
      atPosition[position] = found;
      return found;
    }

    private boolean predicts(int position) {
      if (atPosition == null) {
        if (tree.predicting >= MAX_PREDICTING) {
          return false;
        }
        tree.predicting++;
        atPosition = new Key[8];
        otherAtPosition = new Key[8];
      }
      if (position >= atPosition.length) {
        int size = Math.min(MAX_POSITIONS, Math.max(position + 1, atPosition.length * 2));
        atPosition = java.util.Arrays.copyOf(atPosition, size);
        otherAtPosition = java.util.Arrays.copyOf(otherAtPosition, size);
      }
      return true;
    }
  }
}
