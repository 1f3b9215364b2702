package org.unmask.sim.world;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Everything the simulator decided before writing a line: staff, farms, rings, payroll and watchlists. */
public final class World {
  public final LocalDate start;
  public final int days;
  public final List<Employee> employees = new ArrayList<>();
  public final List<Farm> farms = new ArrayList<>();
  public final List<Ring> rings = new ArrayList<>();
  public final List<PayrollRow> payroll = new ArrayList<>();
  public final List<WatchlistRow> watchlist = new ArrayList<>();
  /** The CGNAT shared-address pool: strangers on one carrier land on the same addresses. */
  public final List<String> cgnatPool = new ArrayList<>();
  /** Personal mailboxes already given to someone: one person each. */
  public final Mailboxes mailboxes = new Mailboxes();
  public String officeIp;
  public String vpnConcentratorIp;

  public World(LocalDate start, int days) {
    this.start = start;
    this.days = days;
  }

  public LocalDate end() {
    return start.plusDays(days);
  }
}
