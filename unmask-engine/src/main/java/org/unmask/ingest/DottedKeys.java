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

  private final Key root = new Key(this, "");
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
    private final Map<String, Key> children = new HashMap<>();
    /** The children by their position in the objects read: see {@link Positions}. */
    private Positions<Key> atPosition;

    private Key(DottedKeys tree, String dotted) {
      this.tree = tree;
      this.dotted = dotted;
    }

    /** The key for {@code name} under this one. */
    public Key child(String name) {
      Key k = children.get(name);
      if (k == null) {
        k = new Key(tree, dotted.isEmpty() ? name : dotted + '.' + name);
        if (tree.remembered < MAX_REMEMBERED) {
          tree.remembered++;
          children.put(name, k);
        }
      }
      return k;
    }

    /** The same, for the child at {@code position} (0 for the first) of an object being read. */
    public Key child(int position, String name) {
      if (atPosition == null) {
        if (tree.predicting >= MAX_PREDICTING) {
          return child(name);
        }
        tree.predicting++;
        atPosition = new Positions<>(MAX_POSITIONS);
      }
      Key k = atPosition.get(position, name);
      if (k == null) {
        k = child(name);
        atPosition.put(position, name, k);
      }
      return k;
    }
  }
}
