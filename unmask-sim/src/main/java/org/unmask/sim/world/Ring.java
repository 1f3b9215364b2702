package org.unmask.sim.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** An applicant ring: fabricated candidates who reuse a photo, resume, phone, email or national id. */
public final class Ring {
  public final String ringId;
  public final List<String> applicantIds = new ArrayList<>();
  public final List<String> hiredPersonIds = new ArrayList<>();
  /** What the ring members share: photo, resume, phone, email, national_id. */
  public final Set<String> shared = new TreeSet<>();

  public Ring(String ringId) {
    this.ringId = ringId;
  }
}
