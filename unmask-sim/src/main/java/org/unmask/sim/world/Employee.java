package org.unmask.sim.world;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.unmask.reference.Address;
import org.unmask.sim.negatives.HardNegative;
import org.unmask.sim.persona.Persona;
import org.unmask.sim.world.Names.Background;

/**
 * One member of staff in the simulated company: what HR holds about them (people.csv), their laptop
 * and peripherals, their home network and their rhythm. Hidden workers carry a {@link Persona}.
 * A plain mutable holder: the world builder fills it in, the telemetry writer only reads it.
 */
public final class Employee {
  public final int index;
  public final String personId;
  public String first;
  public String last;
  public Background background;
  public String email;
  public String userName;
  public String personalEmail;
  public String phone;
  public LocalDate hireDate;
  public LocalDate endDate;
  public String title;
  public String department;
  public String managerId;
  public Address home;
  public Places.City city;
  public ZoneId zone;
  public String bankAccountId;
  public String payeeName;

  // Home network: where the laptop actually sits (the farm for farmed personas).
  public String homeIp;
  public String homeIsp;
  public String ssid;
  public String bssid;
  /** CGNAT homes draw a different shared address each day from this pool index; -1 otherwise. */
  public int cgnatPool = -1;
  public String mobileIp;

  // Laptop.
  public String deviceId;
  public String hostname;
  public String serial;
  public String model;
  public boolean mac;
  public Address shipTo;
  public LocalDate shippedAt;
  public final List<Catalog.Usb> peripherals = new ArrayList<>();
  public final List<Catalog.Monitor> monitors = new ArrayList<>();
  public List<String> keyboardLayouts = List.of("en-US");

  // Rhythm in the claimed zone.
  public double startHour;
  public double dayHours;
  public double weekendProbability;
  public boolean engineer;

  // Side facts for hard negatives.
  public final Set<HardNegative> negatives = EnumSet.noneOf(HardNegative.class);
  public String coworkingIp;
  public int officeDaysMask;
  public String privacyVpnIp;
  public LocalDate tripStart;
  public LocalDate tripEnd;
  public String tripKind;
  public String tripZone;
  public int onCallWeekParity = -1;

  public Persona persona;
  public String applicantId;

  public Employee(int index) {
    this.index = index;
    this.personId = String.format("P%05d", index + 1);
  }

  public String fullName() {
    return first + " " + last;
  }

  public boolean hidden() {
    return persona != null;
  }

  /** Employed (and with a laptop) on this day. */
  public boolean activeOn(LocalDate day) {
    LocalDate start = shippedAt == null ? hireDate : (shippedAt.isAfter(hireDate) ? shippedAt : hireDate);
    return !day.isBefore(start) && (endDate == null || !day.isAfter(endDate));
  }
}
