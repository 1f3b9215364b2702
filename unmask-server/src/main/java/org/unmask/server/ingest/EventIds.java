package org.unmask.server.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.unmask.event.Event;

/**
 * The idempotency id of an event: from {@code event.id} when the sender set one (with the dataset,
 * so two sources' ids cannot collide), else from the exact bytes of its line. SHA-256 cut to 64
 * bits: log lines are attacker-controlled, and a cryptographic hash keeps anyone from crafting a
 * line that collides with another event to have it dropped as a duplicate.
 */
final class EventIds {

  private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  });

  private EventIds() {}

  static long of(Event event, byte[] line, int off, int len) {
    MessageDigest sha = SHA.get();
    sha.reset();
    Object id = event.get("event.id");
    if (id instanceof String || id instanceof Long) {
      sha.update((byte) 1);
      sha.update(event.dataset().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.valueOf(id).getBytes(StandardCharsets.UTF_8));
    } else {
      sha.update((byte) 2);
      sha.update(line, off, len);
    }
    byte[] d = sha.digest();
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xFF);
    }
    return v;
  }
}
