package org.unmask.sim.world;

import java.util.List;
import java.util.random.RandomGenerator;
import org.unmask.reference.Address;

/**
 * US cities a remote-first company hires in, with their IANA zone, a ZIP prefix and the cable/fibre
 * ISPs that actually serve them (so a Comcast address is not placed in Cox country).
 */
public final class Places {

  /** A city and the residential ISPs (ASNs in networks.csv) that serve it. */
  public record City(String name, String region, String zone, String zip, long[] isps) {}

  private static final long COMCAST = 7922, CHARTER = 20115, ATT = 7018, FIOS = 701, COX = 22773,
      LUMEN = 209, FRONTIER = 5650, MEDIACOM = 30036, SPECTRUM_W = 20001, SPECTRUM_MW = 10796;

  public static final List<City> CITIES = List.of(
      new City("Seattle", "WA", "America/Los_Angeles", "981", new long[] {COMCAST, LUMEN}),
      new City("Portland", "OR", "America/Los_Angeles", "972", new long[] {COMCAST, LUMEN}),
      new City("San Francisco", "CA", "America/Los_Angeles", "941", new long[] {COMCAST, ATT}),
      new City("San Jose", "CA", "America/Los_Angeles", "951", new long[] {COMCAST, ATT}),
      new City("Los Angeles", "CA", "America/Los_Angeles", "900", new long[] {SPECTRUM_W, ATT, FRONTIER}),
      new City("San Diego", "CA", "America/Los_Angeles", "921", new long[] {COX, ATT}),
      new City("Las Vegas", "NV", "America/Los_Angeles", "891", new long[] {COX, LUMEN}),
      new City("Phoenix", "AZ", "America/Phoenix", "850", new long[] {COX, LUMEN}),
      new City("Scottsdale", "AZ", "America/Phoenix", "852", new long[] {COX, LUMEN}),
      new City("Denver", "CO", "America/Denver", "802", new long[] {COMCAST, LUMEN}),
      new City("Boulder", "CO", "America/Denver", "803", new long[] {COMCAST, LUMEN}),
      new City("Salt Lake City", "UT", "America/Denver", "841", new long[] {COMCAST, LUMEN}),
      new City("Boise", "ID", "America/Boise", "837", new long[] {SPECTRUM_W, LUMEN}),
      new City("Austin", "TX", "America/Chicago", "787", new long[] {SPECTRUM_MW, ATT}),
      new City("Dallas", "TX", "America/Chicago", "752", new long[] {SPECTRUM_MW, ATT, FRONTIER}),
      new City("Houston", "TX", "America/Chicago", "770", new long[] {COMCAST, ATT}),
      new City("Chicago", "IL", "America/Chicago", "606", new long[] {COMCAST, ATT}),
      new City("Minneapolis", "MN", "America/Chicago", "554", new long[] {COMCAST, LUMEN}),
      new City("Kansas City", "MO", "America/Chicago", "641", new long[] {SPECTRUM_MW, ATT}),
      new City("Des Moines", "IA", "America/Chicago", "503", new long[] {MEDIACOM, LUMEN}),
      new City("Nashville", "TN", "America/Chicago", "372", new long[] {COMCAST, ATT}),
      new City("New Orleans", "LA", "America/Chicago", "701", new long[] {COX, ATT}),
      new City("Atlanta", "GA", "America/New_York", "303", new long[] {COMCAST, ATT}),
      new City("Miami", "FL", "America/New_York", "331", new long[] {COMCAST, ATT}),
      new City("Tampa", "FL", "America/New_York", "336", new long[] {CHARTER, FRONTIER}),
      new City("Orlando", "FL", "America/New_York", "328", new long[] {CHARTER, ATT}),
      new City("Charlotte", "NC", "America/New_York", "282", new long[] {CHARTER, ATT}),
      new City("Raleigh", "NC", "America/New_York", "276", new long[] {CHARTER, ATT}),
      new City("Washington", "DC", "America/New_York", "200", new long[] {FIOS, COMCAST}),
      new City("Arlington", "VA", "America/New_York", "222", new long[] {FIOS, COMCAST}),
      new City("Baltimore", "MD", "America/New_York", "212", new long[] {FIOS, COMCAST}),
      new City("Philadelphia", "PA", "America/New_York", "191", new long[] {FIOS, COMCAST}),
      new City("Pittsburgh", "PA", "America/New_York", "152", new long[] {FIOS, COMCAST}),
      new City("New York", "NY", "America/New_York", "100", new long[] {FIOS, CHARTER}),
      new City("Brooklyn", "NY", "America/New_York", "112", new long[] {FIOS, CHARTER}),
      new City("Jersey City", "NJ", "America/New_York", "073", new long[] {FIOS, COMCAST}),
      new City("Boston", "MA", "America/New_York", "021", new long[] {FIOS, COMCAST}),
      new City("Providence", "RI", "America/New_York", "029", new long[] {COX, FIOS}),
      new City("Columbus", "OH", "America/New_York", "432", new long[] {CHARTER, ATT}),
      new City("Detroit", "MI", "America/Detroit", "482", new long[] {COMCAST, ATT}),
      new City("Indianapolis", "IN", "America/Indiana/Indianapolis", "462", new long[] {COMCAST, ATT}),
      new City("Anchorage", "AK", "America/Anchorage", "995", new long[] {LUMEN}),
      new City("Honolulu", "HI", "Pacific/Honolulu", "968", new long[] {SPECTRUM_W}));

  /** The company's only office (a small HQ most staff never visit). */
  public static final City OFFICE_CITY = CITIES.get(13);

  public static final Address OFFICE = new Address("500 Congress Ave Ste 1200", "Austin", "TX", "78701", "US");

  private static final String[] STREETS = {
    "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Main", "Sunset", "Willow",
    "Highland", "Ridge", "River", "Church", "Franklin", "Jefferson", "Lincoln", "Madison", "Spring", "Walnut",
    "Chestnut", "Meadow", "Forest", "Valley", "Cherry", "Birch", "Mill", "Jackson", "Adams", "Hickory", "Aspen",
    "Magnolia", "Dogwood", "Laurel", "Sycamore", "Prospect", "Grove", "Summit"};
  private static final String[] SUFFIXES = {"St", "Ave", "Dr", "Ln", "Rd", "Ct", "Blvd", "Way", "Pl"};

  public static City city(RandomGenerator random) {
    // Weighted toward the big metros by listing order: a simple triangular pick is enough here.
    return CITIES.get(random.nextInt(CITIES.size()));
  }

  /** A plausible street address in the city; one in four has an apartment number. */
  public static Address address(City city, RandomGenerator random) {
    String street = (100 + random.nextInt(9800)) + " " + STREETS[random.nextInt(STREETS.length)] + " "
        + SUFFIXES[random.nextInt(SUFFIXES.length)];
    if (random.nextInt(4) == 0) {
      street += " Apt " + (1 + random.nextInt(40));
    }
    String zip = city.zip() + String.format("%02d", random.nextInt(100));
    return new Address(street, city.name(), city.region(), zip, "US");
  }

  public static City cityOf(Address address) {
    for (City c : CITIES) {
      if (c.name().equals(address.city())) {
        return c;
      }
    }
    return CITIES.get(0);
  }

  private Places() {}
}
