package org.unmask.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.unmask.detect.Subjects;
import org.unmask.event.Event;
import org.unmask.reference.Device;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;

/**
 * When the data starts and ends, as the fleet shows it. Risk decays to the end of the data, so
 * the end must not be whatever the latest clock says: a farm laptop whose clock is set to 2031
 * (clocks on the workers' laptops are theirs to set) would otherwise age every finding of every
 * person by five years, and no case would open. The end is the latest event, unless that lies
 * more than {@link #SLACK} after the time by which half of the company's laptops and people had
 * last been seen; then it is the latest time a laptop or person was last seen within that bound.
 * A wrong clock moves it only when it is on most of the fleet.
 *
 * <p>On real data the two agree: most laptops and people are active in the last days, so the end
 * is the latest event. The fleet is the devices of devices.csv and the people of people.csv (so a
 * password spray's ten thousand one-off user names cannot pull the end back); without either, every
 * {@code host.id} and {@code user.email}. Bounded: past {@link #MAX_ENTITIES} entities, new ones
 * are not tracked.
 */
public final class ActivityClock {

  /** How far the data may run past the time half the fleet was last seen: a weekend and a day. */
  static final Duration SLACK = Duration.ofDays(3);
  public static final int MAX_ENTITIES = 100_000;

  /** Each entity's latest event, epoch millis. */
  private final Map<String, Long> seen = new HashMap<>();
  private Instant first;
  private Instant last;
  private boolean changed;
  private Instant robustLast;

  public void observe(Event event, ReferenceData reference) {
    Instant t = event.timestamp();
    if (first == null || t.isBefore(first)) {
      first = t;
    }
    if (last == null || t.isAfter(last)) {
      last = t;
    }
    changed = true;
    String key = entity(event, reference);
    if (key == null) {
      return;
    }
    long millis = t.toEpochMilli();
    Long known = seen.get(key);
    if (known == null ? seen.size() < MAX_ENTITIES : millis > known) {
      seen.put(key, millis);
    }
  }

  /** The end of the data, the time risk is reported at (see the class comment), or null before any event. */
  public Instant end() {
    settle();
    return robustLast;
  }

  /** Whose event it is, as the fleet is counted: a known device, else a known person. */
  private static String entity(Event event, ReferenceData reference) {
    boolean known = !reference.devices().isEmpty() || !reference.people().isEmpty();
    if (event.get("host.id") instanceof String host) {
      Device d = reference.device(host).orElse(null);
      if (d != null) {
        return "device " + d.deviceId();
      }
      if (!known) {
        return "host " + host;
      }
    }
    Person p = Subjects.personOf(event, reference);
    if (p != null) {
      return "person " + p.personId();
    }
    return !known && event.get("user.email") instanceof String email ? "user " + email : null;
  }

  /** The earliest and latest event times as read, wrong clocks included. */
  public Instant earliestEvent() {
    return first;
  }

  public Instant latestEvent() {
    return last;
  }

  private void settle() {
    if (!changed) {
      return;
    }
    changed = false;
    long[] lasts = new long[seen.size()];
    int i = 0;
    for (long l : seen.values()) {
      lasts[i++] = l;
    }
    robustLast = Instant.ofEpochMilli(end(last.toEpochMilli(), lasts));
  }

  /**
   * The end of the data (see the class comment) from the latest event time and each fleet
   * entity's latest time, epoch millis; for a caller that keeps the entities' times itself (the
   * Flink job keeps them in its state). {@code lastSeen} is sorted in place.
   */
  public static long end(long latest, long[] lastSeen) {
    if (lastSeen.length == 0) {
      return latest;
    }
    Arrays.sort(lastSeen);
    long bound = lastSeen[(lastSeen.length - 1) / 2] + SLACK.toMillis();
    if (latest <= bound) {
      return latest;
    }
    // the latest time an entity was last seen within the bound: the real end, give or take the
    // events of the entity whose clock ran ahead
    int within = lastSeen.length - 1;
    while (lastSeen[within] > bound) {
      within--;
    }
    return lastSeen[within];
  }
}
