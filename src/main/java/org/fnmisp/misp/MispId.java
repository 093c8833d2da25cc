package org.fnmisp.misp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id or uuid of a MISP event or attribute, checked before it becomes a URL path segment: a value that came from
 * MISP or from a caller (say {@code ../../admin/users/delete/1}) must not be able to change which endpoint is called.
 * Only a decimal number or a uuid in its canonical 8-4-4-4-12 hex form is accepted; neither can hold a {@code /}, a
 * {@code .} or a {@code %}.
 */
final class MispId {

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");

  private final String segment;

  private MispId(String segment) {
    this.segment = segment;
  }

  static MispId of(long id) {
    return new MispId(Long.toString(id));
  }

  static MispId of(java.util.UUID uuid) {
    return new MispId(uuid.toString());
  }

  /** A uuid or a decimal id; empty for anything else. */
  static Optional<MispId> parse(String value) {
    if (value != null && (UUID.matcher(value).matches() || NUMBER.matcher(value).matches())) {
      return Optional.of(new MispId(value));
    }
    return Optional.empty();
  }

  /** The value as one path segment. */
  String segment() {
    return segment;
  }

  @Override
  public String toString() {
    return segment;
  }
}
