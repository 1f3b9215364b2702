package org.unmask.analytics;

import java.util.ArrayList;
import java.util.List;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;

/** The built-in behavioural detectors, in the order they run, and the rules they emit. */
public final class Analytics {

  private Analytics() {}

  /** Fresh instances of every behavioural detector. */
  public static List<Detector<?>> detectors() {
    return List.of(
        new SuspiciousEgress(),
        new ImpossibleTravel(),
        new WorkHours(),
        new SecondShift(),
        new AsianWeek(),
        new DeviceLocale(),
        new DeviceCountry(),
        new AroundTheClock(),
        new RemoteControlAfterDelivery(),
        new DisplayIdentity(),
        new Exfiltration(),
        new AfterDeparture(),
        new WatchlistHits());
  }

  /** Every rule the behavioural detectors can emit. */
  public static List<RuleSpec> rules() {
    List<RuleSpec> all = new ArrayList<>();
    all.addAll(SuspiciousEgress.rules());
    all.addAll(ImpossibleTravel.rules());
    all.addAll(WorkHours.rules());
    all.addAll(SecondShift.rules());
    all.addAll(AsianWeek.rules());
    all.addAll(DeviceLocale.rules());
    all.addAll(DeviceCountry.rules());
    all.addAll(AroundTheClock.rules());
    all.addAll(RemoteControlAfterDelivery.rules());
    all.addAll(DisplayIdentity.rules());
    all.addAll(Exfiltration.rules());
    all.addAll(AfterDeparture.rules());
    all.addAll(WatchlistHits.rules());
    return all;
  }
}
