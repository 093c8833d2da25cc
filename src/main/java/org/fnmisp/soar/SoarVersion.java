package org.fnmisp.soar;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code major.minor} of a SOAR release, as {@code /rest/const} and export files give it ("51.0.2.1.1234"). */
public record SoarVersion(int major, int minor) implements Comparable<SoarVersion> {

  private static final Pattern LEADING = Pattern.compile("^\\s*v?(\\d{1,6})(?:\\.(\\d{1,6}))?");

  /** The version at the start of the text; empty when it starts with no number. */
  public static Optional<SoarVersion> parse(String text) {
    Matcher matcher = LEADING.matcher(text);
    if (!matcher.find()) {
      return Optional.empty();
    }
    int minor = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
    return Optional.of(new SoarVersion(Integer.parseInt(matcher.group(1)), minor));
  }

  public boolean isOlderThan(SoarVersion other) {
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(SoarVersion other) {
    return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
