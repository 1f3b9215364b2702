package org.unmask.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 90d}, {@code 2w}, {@code 12h}, {@code 30m} or ISO-8601 {@code P90D} into a duration. */
final class Durations implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String s = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("p")) {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      return switch (s.charAt(s.length() - 1)) {
        case 'd' -> Duration.ofDays(n);
        case 'w' -> Duration.ofDays(7 * n);
        case 'h' -> Duration.ofHours(n);
        case 'm' -> Duration.ofMinutes(n);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; write 90d, 2w, 12h, 30m or P90D");
    }
  }
}
