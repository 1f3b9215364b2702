package org.unmask.analytics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Approximate population-weighted centre of each country, for distance when only a country is
 * known. Coarse by nature: {@link ImpossibleTravel} ignores short jumps for that reason.
 */
final class CountryCentroids {

  private static final Map<String, double[]> CENTROIDS = load();

  private CountryCentroids() {}

  static double[] of(String iso2) {
    return iso2 == null ? null : CENTROIDS.get(iso2);
  }

  private static Map<String, double[]> load() {
    Map<String, double[]> map = new HashMap<>();
    try (var in = CountryCentroids.class.getResourceAsStream("country-centroids.csv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(",");
        map.put(parts[0].trim(), new double[] {Double.parseDouble(parts[1].trim()), Double.parseDouble(parts[2].trim())});
      }
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the shipped country-centroids.csv cannot be read", e);
    }
    return Map.copyOf(map);
  }
}
