package org.unmask.sim.world;

import java.util.ArrayList;
import java.util.List;
import org.unmask.reference.Address;

/** A laptop farm: one residential address, IP and Wi-Fi hosting several hidden workers' laptops. */
public final class Farm {
  public final String farmId;
  public final Address address;
  public final String ip;
  public final String isp;
  public final String ssid;
  public final String bssid;
  public final List<Employee> members = new ArrayList<>();

  public Farm(String farmId, Address address, String ip, String isp, String ssid, String bssid) {
    this.farmId = farmId;
    this.address = address;
    this.ip = ip;
    this.isp = isp;
    this.ssid = ssid;
    this.bssid = bssid;
  }
}
