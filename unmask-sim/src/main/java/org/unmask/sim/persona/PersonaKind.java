package org.unmask.sim.persona;

/** How a hidden worker operates, which decides the techniques they sample. */
public enum PersonaKind {
  /** Laptop hosted in a laptop farm with others; the bold, common case. */
  FARMED,
  /** Laptop alone at a facilitator's or mail-drop address, driven remotely. */
  REMOTE_CONTROLLED,
  /** Shows only two or three weak signals. */
  CAREFUL
}
