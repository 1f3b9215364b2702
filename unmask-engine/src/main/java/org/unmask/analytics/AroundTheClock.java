package org.unmask.analytics;

import java.time.ZoneOffset;
import java.util.List;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.state.State;

/**
 * A laptop in interactive use around the clock: processes started and web requests made in
 * {@link #LONG_DAY_HOURS} or more distinct hours of one UTC day, on {@link #MIN_LONG_DAYS} days. One
 * person does not work twenty hours a day for days on end; a laptop shared by shifts, driven from
 * another continent on top of local cover, or kept awake by a jiggler does (THREAT.md S9, S23).
 * Background traffic (flows, inventory) does not count.
 */
public final class AroundTheClock implements Detector<AroundTheClock.Days> {

  static final RuleSpec ALWAYS_ON = new RuleSpec(
      "unmask.device.always_on", "Laptop in use around the clock",
      Severity.MEDIUM, List.of("T1219"), "endpoint", 15);

  static final int LONG_DAY_HOURS = 18;
  static final int MIN_LONG_DAYS = 3;

  public static List<RuleSpec> rules() {
    return List.of(ALWAYS_ON);
  }

  /** The current day's hour mask, how many long days were seen, whether reported. */
  public static final class Days {
    public long day = Long.MIN_VALUE;
    public int hourMask;
    public boolean dayCounted;
    public int longDays;
    public boolean reported;
  }

  @Override
  public String id() {
    return "unmask.device.always_on";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    return switch (event.dataset()) {
      case "endpoint.process", "proxy.http" -> event.text("host.id");
      default -> null;
    };
  }

  @Override
  public void onEvent(Event event, State<Days> state, DetectionContext context) {
    Days d = state.value() == null ? new Days() : state.value();
    if (d.reported) {
      return;
    }
    var utc = event.timestamp().atOffset(ZoneOffset.UTC);
    long day = utc.toLocalDate().toEpochDay();
    if (day < d.day) {
      return; // late by a day or more (the server judges in arrival order): its day is over
    }
    if (day != d.day) {
      d.day = day;
      d.hourMask = 0;
      d.dayCounted = false;
    }
    d.hourMask |= 1 << utc.getHour();
    if (!d.dayCounted && Integer.bitCount(d.hourMask) >= LONG_DAY_HOURS) {
      d.dayCounted = true;
      d.longDays++;
      if (d.longDays >= MIN_LONG_DAYS) {
        d.reported = true;
        String deviceId = event.text("host.id");
        String owner = context.reference().device(deviceId).map(x -> x.personId()).orElse("no known owner");
        context.emit(ALWAYS_ON.finding(EntityRef.device(deviceId), event, String.format(
            "Laptop %s (%s) was in interactive use in %d or more hours of the day on %d days.",
            deviceId, owner, LONG_DAY_HOURS, d.longDays)));
      }
    }
    state.update(d);
  }
}
