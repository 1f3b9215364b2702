package org.unmask.analytics;

import java.time.Duration;
import java.util.List;
import org.unmask.detect.DetectionContext;
import org.unmask.detect.Detector;
import org.unmask.detect.RuleSpec;
import org.unmask.event.EntityRef;
import org.unmask.event.Event;
import org.unmask.event.Severity;
import org.unmask.reference.Device;
import org.unmask.reference.Roles;
import org.unmask.state.State;

/**
 * Remote control set up soon after a laptop arrives (THREAT.md S8, S24): the laptop farm plugs in
 * a KVM or installs an RMM tool within days of delivery, and KnowBe4's hire did so within hours.
 * Fires once per device when its first remote-control event falls within
 * {@link #WINDOW} of {@code shipped_at}. Devices without a ship date are skipped.
 */
public final class RemoteControlAfterDelivery implements Detector<RemoteControlAfterDelivery.Done> {

  static final RuleSpec SOON_AFTER_DELIVERY = new RuleSpec(
      "unmask.device.remote_control_after_delivery", "Remote control set up within days of laptop delivery",
      Severity.HIGH, List.of("T1219"), "endpoint", 25);

  static final Duration WINDOW = Duration.ofDays(21);

  public static List<RuleSpec> rules() {
    return List.of(SOON_AFTER_DELIVERY);
  }

  /** Whether this device's first remote-control event was seen. */
  public static final class Done {
    public boolean seen;
  }

  @Override
  public String id() {
    return "unmask.device.remote_control_after_delivery";
  }

  @Override
  public String key(Event event, DetectionContext context) {
    return switch (event.dataset()) {
      case "endpoint.process", "endpoint.usb", "endpoint.display" -> event.text("host.id");
      default -> null;
    };
  }

  @Override
  public void onEvent(Event event, State<Done> state, DetectionContext context) {
    if (state.value() != null) {
      return;
    }
    String what = RemoteControl.describe(event);
    if (what == null) {
      return;
    }
    Done done = new Done();
    done.seen = true;
    state.update(done);
    Device device = context.reference().device(event.text("host.id")).orElse(null);
    if (device == null || device.shippedAt() == null) {
      return;
    }
    if ("endpoint.process".equals(event.dataset())
        && Roles.administersComputers(context.reference().person(device.personId()).orElse(null))) {
      return; // an IT administrator's new laptop gets remote-support tools on day one
    }
    Duration since = Duration.between(device.shippedAt(), event.timestamp());
    if (since.isNegative() || since.compareTo(WINDOW) > 0) {
      return;
    }
    context.emit(SOON_AFTER_DELIVERY.finding(EntityRef.device(device.deviceId()), event, String.format(
        "Laptop %s of %s showed %s %d days after it was shipped.",
        device.deviceId(), device.personId() == null ? "no known owner" : device.personId(), what, since.toDays())));
  }
}
