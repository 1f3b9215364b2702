package org.unmask.sim.persona;

import java.util.EnumSet;
import java.util.Set;

/**
 * A hidden worker's operating profile: the techniques they use and where they are. Mutable only while
 * the world is built; the telemetry writer reads it.
 */
public final class Persona {
  public final PersonaKind kind;
  public final Set<Tradecraft> tradecraft;
  /** The operators' own zone: Asia/Shanghai (Dandong, Shenyang), Asia/Pyongyang or Asia/Vladivostok. */
  public final String operatorZone;
  public String farmId;
  public String ringId;
  /** The RMM tool index in {@code Software.RMM}, or -1. */
  public int rmmTool = -1;
  /** Second RMM tool for "several RATs on one host" (S8), or -1. */
  public int secondRmmTool = -1;
  /** Days after laptop delivery the remote-access kit appears. */
  public int kitDelayDays;
  /** First time anything malicious happens, epoch millis; Long.MAX_VALUE until observed. */
  public long firstMaliciousMillis = Long.MAX_VALUE;
  /** First event of any kind the worker produced in the window, epoch millis. */
  public long firstActivityMillis = Long.MAX_VALUE;

  public Persona(PersonaKind kind, Set<Tradecraft> tradecraft, String operatorZone) {
    this.kind = kind;
    this.tradecraft = EnumSet.copyOf(tradecraft.isEmpty() ? EnumSet.noneOf(Tradecraft.class) : tradecraft);
    this.operatorZone = operatorZone;
  }

  public boolean uses(Tradecraft t) {
    return tradecraft.contains(t);
  }

  /** Records that the worker did anything at this time; keeps the earliest. */
  public void active(long epochMillis) {
    if (epochMillis < firstActivityMillis) {
      firstActivityMillis = epochMillis;
    }
  }

  /** Records that malicious activity was observed at this time; keeps the earliest. */
  public void observed(long epochMillis) {
    if (epochMillis < firstMaliciousMillis) {
      firstMaliciousMillis = epochMillis;
    }
  }
}
