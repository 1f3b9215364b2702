package org.unmask.analytics;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.reference.Device;
import org.unmask.reference.Person;
import org.unmask.state.State;

/**
 * A laptop's own settings against its owner's claims (THREAT.md S12, S13): a system time zone far
 * from the claimed one, held for most of the laptop's days (a trip abroad is a minority of days),
 * and Korean keyboard layouts (ko-KR, KLID 00000412). The keyboard is weak on its own, since
 * Korean-speaking employees exist, so it carries few points and is reported once.
 */
public final class DeviceLocale implements Detector<DeviceLocale.Snapshots> {

  static final RuleSpec TIMEZONE = new RuleSpec(
      "unmask.device.foreign_timezone", "Laptop clock set to a far-away time zone",
      Severity.MEDIUM, List.of("T1614"), "endpoint", 18);
  static final RuleSpec KOREAN_KEYBOARD = new RuleSpec(
      "unmask.device.korean_input", "Korean keyboard layout on the laptop",
      Severity.LOW, List.of("T1614"), "endpoint", 8);

  static final int MIN_MISMATCH_DAYS = 10;
  static final double MIN_MISMATCH_SHARE = 0.5;
  static final int MIN_HOURS_APART = 4;

  public static List<RuleSpec> rules() {
    return List.of(TIMEZONE, KOREAN_KEYBOARD);
  }

  /** Days with a snapshot, days whose zone was far from the claim, and what was reported. */
  public static final class Snapshots {
    public long lastDay = Long.MIN_VALUE;
    public boolean lastDayMismatched;
    public int days;
    public int mismatchedDays;
    public boolean timezoneReported;
    public boolean keyboardReported;
  }

  @Override
  public String id() {
    return "unmask.device.locale";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    return "endpoint.inventory".equals(event.dataset()) ? event.text("host.id") : null;
  }

  @Override
  public void onEvent(Event event, State<Snapshots> state, DetectionContext context) {
    Snapshots s = state.value() == null ? new Snapshots() : state.value();
    String deviceId = event.text("host.id");
    Person owner = context.reference().device(deviceId).map(Device::personId)
        .flatMap(context.reference()::person).orElse(null);
    checkKeyboard(event, s, deviceId, owner, context);
    checkTimezone(event, s, deviceId, owner, context);
    state.update(s);
  }

  private void checkKeyboard(Event event, Snapshots s, String deviceId, Person owner, DetectionContext context) {
    if (s.keyboardReported) {
      return;
    }
    for (String layout : event.texts("host.locale.keyboard_layouts")) {
      String l = layout.toLowerCase(Locale.ROOT);
      if (l.startsWith("ko") || l.contains("00000412") || l.contains("korean")) {
        s.keyboardReported = true;
        context.emit(KOREAN_KEYBOARD.finding(EntityRef.device(deviceId), event,
            "Laptop " + deviceId + (owner == null ? "" : " of " + owner.personId())
                + " has the Korean input layout '" + layout + "' installed."));
        return;
      }
    }
  }

  private void checkTimezone(Event event, Snapshots s, String deviceId, Person owner, DetectionContext context) {
    String zone = event.text("host.locale.timezone");
    if (owner == null || owner.timezone() == null || zone == null) {
      return;
    }
    ZoneId deviceZone;
    try {
      deviceZone = ZoneId.of(zone);
    } catch (RuntimeException e) {
      return; // not an IANA zone name: nothing to compare
    }
    int hoursApart = Math.abs(deviceZone.getRules().getOffset(event.timestamp()).getTotalSeconds()
        - owner.timezone().getRules().getOffset(event.timestamp()).getTotalSeconds()) / 3600;
    hoursApart = Math.min(hoursApart, 24 - hoursApart);
    boolean mismatched = hoursApart >= MIN_HOURS_APART;
    long day = event.timestamp().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    if (day != s.lastDay) {
      s.days++;
      s.lastDay = day;
      s.lastDayMismatched = false;
    }
    if (mismatched && !s.lastDayMismatched) {
      s.mismatchedDays++;
      s.lastDayMismatched = true;
    }
    if (!s.timezoneReported && s.mismatchedDays >= MIN_MISMATCH_DAYS
        && s.mismatchedDays >= MIN_MISMATCH_SHARE * s.days) {
      s.timezoneReported = true;
      context.emit(TIMEZONE.finding(EntityRef.device(deviceId), event, String.format(
          "Laptop %s of %s keeps the time zone %s on %d of %d days, %d hours from the claimed %s.",
          deviceId, owner.personId(), zone, s.mismatchedDays, s.days, hoursApart, owner.timezone().getId())));
    }
  }
}
