package org.unmask.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One MaxMind-format database read through the low-level {@link Reader}, understanding the record
 * shapes Unmask may meet: MaxMind GeoIP2/GeoLite2 (Country, City, ASN), ip-location-db
 * ({@code country_code}, {@code city}, {@code state1}, {@code latitude}...) and DB-IP lite.
 * Records are decoded as plain maps, so any of these works without a per-vendor model class.
 */
final class GeoDatabase implements AutoCloseable {

  /** What a record said about one address; any part may be null. */
  record Answer(String countryIso, String cityName, String regionIso, Double latitude, Double longitude,
      Long asn, String asOrganization) {
    static final Answer NONE = new Answer(null, null, null, null, null, null, null);
  }

  private final Reader reader;
  private final String name;

  private GeoDatabase(Reader reader, String name) {
    this.reader = reader;
    this.name = name;
  }

  static GeoDatabase open(File file) throws IOException {
    return new GeoDatabase(new Reader(file, new CHMCache()), file.getName());
  }

  /** Reads a whole database into memory (used for the gzipped copy shipped on the classpath). */
  static GeoDatabase read(InputStream in, String name) throws IOException {
    return new GeoDatabase(new Reader(in, new CHMCache()), name);
  }

  String name() {
    return name;
  }

  String databaseType() {
    return reader.getMetadata().getDatabaseType();
  }

  Answer lookup(IpAddress address) {
    Map<?, ?> record;
    try {
      record = reader.get(address.toInetAddress(), Map.class);
    } catch (IOException | RuntimeException e) {
      // A corrupt region of a user-supplied database must not stop a scan; the address is unknown.
      return Answer.NONE;
    }
    if (record == null) {
      return Answer.NONE;
    }
    String country = text(record.get("country_code"));
    if (country == null) {
      country = text(path(record, "country", "iso_code"));
    }
    if (country == null) {
      country = text(path(record, "registered_country", "iso_code"));
    }
    String city = text(record.get("city"));
    if (city == null) {
      city = text(path(record, "city", "names", "en"));
    }
    String region = null;
    if (record.get("subdivisions") instanceof List<?> subdivisions && !subdivisions.isEmpty()
        && subdivisions.get(0) instanceof Map<?, ?> first) {
      region = text(first.get("iso_code"));
    }
    if (region == null) {
      region = text(record.get("state1"));
    }
    Double latitude = number(record.get("latitude"));
    Double longitude = number(record.get("longitude"));
    if (latitude == null) {
      latitude = number(path(record, "location", "latitude"));
      longitude = number(path(record, "location", "longitude"));
    }
    Double asn = number(record.get("autonomous_system_number"));
    String asOrg = text(record.get("autonomous_system_organization"));
    return new Answer(country == null ? null : country.toUpperCase(java.util.Locale.ROOT), city, region,
        latitude, longitude, asn == null ? null : asn.longValue(), asOrg);
  }

  private static Object path(Map<?, ?> record, String... keys) {
    Object current = record;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }

  private static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
