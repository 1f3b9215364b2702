package org.unmask.store.privacy;

import org.unmask.store.StoreException;

/** A reveal was refused: no role allowed to reveal, or no reason. */
public final class RevealRefusedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public RevealRefusedException(String message) {
    super(message);
  }
}
