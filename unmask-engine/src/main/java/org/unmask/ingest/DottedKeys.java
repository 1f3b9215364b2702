package org.unmask.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Flattened field names ({@code "source" + "ip" -> "source.ip"}), built once and reused, as a tree:
 * a nested name costs one lookup in its parent's children, and every event gets the same String
 * instance for a key, whose hash is cached and whose comparisons succeed on identity. The tree is
 * bounded, because keys are attacker-controlled: past the bound, keys are joined and not remembered.
 *
 * <p>Events of one kind list their fields in the same order, so {@link Key#nextField} reads a name
 * by expecting the one that followed the previous field last time: Jackson compares the expected
 * name's bytes with the input's, and only a name that differs is decoded, hashed and looked up.
 *
 * <p>Not thread-safe: one per parser or per thread.
 */
public final class DottedKeys {

  private static final int MAX_REMEMBERED = 50_000;

  private final Key root = new Key(this, "", null);
  private int remembered;

  /** The empty prefix: its children are the top-level names. */
  public Key root() {
    return root;
  }

  /** One flattened name and the names under it. */
  public static final class Key {
    private final DottedKeys tree;
    /** The dotted name; the empty string for the root. */
    public final String dotted;
    /** The last segment, as the input spells it once escapes are read; null for the root. */
    private final SerializedString name;
    private final Map<String, Key> children = new HashMap<>();
    /** The child read first the last time an object at this key was read. */
    private Key first;
    /** The sibling read after this one the last time. */
    private Key next;

    private Key(DottedKeys tree, String dotted, String name) {
      this.tree = tree;
      this.dotted = dotted;
      this.name = name == null ? null : new SerializedString(name);
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

    /**
     * Reads the next field name of the object at this key that {@code p} is in, and returns its
     * key, or null at the object's end ({@code p} is then on its {@code END_OBJECT}).
     *
     * @param previous the key of the field read before it in this object, null for the first
     */
    public Key nextField(JsonParser p, Key previous) throws IOException {
      Key expected = previous == null ? first : previous.next;
      String read;
      if (expected == null) {
        read = p.nextFieldName();
      } else if (p.nextFieldName(expected.name)) {
        return expected;
      } else {
        read = p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
      }
      if (read == null) {
        return null;
      }
      Key k = child(read);
      if (previous == null) {
        first = k;
      } else {
        previous.next = k;
      }
      return k;
    }
  }
}
