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
 * Fires once per device when its first remote-control event, of a tool not already on the laptop
 * before it shipped, falls within {@link #WINDOW} of {@code shipped_at}. Devices without a ship
 * date are skipped.
 *
 * <p>A tool seen before shipping is IT's (a support agent in the image); it used to silence the
 * device for good, so one event dated before shipping, by a clock set back, hid the farm's AnyDesk
 * too. Now it silences only that tool: a backdated event must name each tool it hides.
 */
public final class RemoteControlAfterDelivery implements Detector<RemoteControlAfterDelivery.Done> {

  static final RuleSpec SOON_AFTER_DELIVERY = new RuleSpec(
      "unmask.device.remote_control_after_delivery", "Remote control set up within days of laptop delivery",
      Severity.HIGH, List.of("T1219"), "endpoint", 25);

  static final Duration WINDOW = Duration.ofDays(21);

  public static List<RuleSpec> rules() {
    return List.of(SOON_AFTER_DELIVERY);
  }

  /**
   * Whether this device's first remote-control event after shipping was judged, and the tools
   * seen before it shipped (one per line, at most {@link #MAX_BEFORE}: USB product names are the
   * device's to choose). Plain fields: the Flink job keeps it in keyed state.
   */
  public static final class Done {
    public boolean seen;
    public String before = "";
  }

  static final int MAX_BEFORE = 16;
  /** Characters of a tool's description kept: the state stays small whatever the device reports. */
  static final int MAX_TOOL_CHARS = 200;

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

  private static List<String> toolsBefore(Done done) {
    return done.before.isEmpty() ? List.of() : List.of(done.before.split("\n"));
  }

  @Override
  public void onEvent(Event event, State<Done> state, DetectionContext context) {
    Done done = state.value();
    if (done != null && done.seen) {
      return;
    }
    String what = RemoteControl.describe(event);
    if (what == null) {
      return;
    }
    done = done == null ? new Done() : done;
    Device device = context.reference().device(event.text("host.id")).orElse(null);
    Duration since = device == null || device.shippedAt() == null ? null : Duration.between(device.shippedAt(), event.timestamp());
    String tool = what.toLowerCase(java.util.Locale.ROOT).replace('\n', ' ');
    tool = tool.length() > MAX_TOOL_CHARS ? tool.substring(0, MAX_TOOL_CHARS) : tool; // a USB product name is the device's to choose
    List<String> before = toolsBefore(done);
    if (since != null && since.isNegative()) {
      if (!before.contains(tool) && before.size() < MAX_BEFORE) {
        done.before = done.before.isEmpty() ? tool : done.before + "\n" + tool;
        state.update(done);
      }
      return; // staged before shipping: this tool is IT's
    }
    if (since != null && before.contains(tool)) {
      return; // the tool IT put on the laptop, used again: other tools are still watched
    }
    done.seen = true;
    state.update(done);
    if (since == null) {
      return;
    }
    if ("endpoint.process".equals(event.dataset())
        && Roles.administersComputers(context.reference().person(device.personId()).orElse(null))) {
      return; // an IT administrator's new laptop gets remote-support tools on day one
    }
    if (since.compareTo(WINDOW) > 0) {
      return;
    }
    context.emit(SOON_AFTER_DELIVERY.finding(EntityRef.device(device.deviceId()), event, String.format(
        "Laptop %s of %s showed %s %d days after it was shipped.",
        device.deviceId(), device.personId() == null ? "no known owner" : device.personId(), what, since.toDays())));
  }
}
