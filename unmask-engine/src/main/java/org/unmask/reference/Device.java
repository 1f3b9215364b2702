package org.unmask.reference;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A row of devices.csv: a company laptop, its owner and where it was shipped. */
public record Device(
    String deviceId,
    String hostname,
    String serial,
    String personId,
    String model,
    Address shipTo,
    Instant shippedAt) {

  public Device {
    requireNonNull(deviceId, "device_id");
    shipTo = shipTo == null ? Address.UNKNOWN : shipTo;
  }
}
