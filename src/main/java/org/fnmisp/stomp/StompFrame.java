package org.fnmisp.stomp;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable received frame. Header names and values are unescaped and kept in wire order; when a header repeats,
 * the first occurrence wins (STOMP 1.2 §"Repeated Header Entries").
 *
 * @param skipped what the reader left out because it was over a limit (an oversized body, an overlong header
 *     line, headers beyond the 1000th), e.g. "a MESSAGE body of 104857601 bytes exceeds the limit of 104857600
 *     bytes"; null for a complete frame
 */
@SuppressWarnings("ArrayRecordComponent") // frames are handed on, never compared or used as keys
public record StompFrame(String command, Map<String, String> headers, byte[] body, String skipped) {

  private static final byte[] EMPTY = new byte[0];

  public StompFrame {
    Objects.requireNonNull(command, "command");
    headers = headers instanceof Decoded ? headers : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? EMPTY : body;
  }

  /**
   * A frame the reader just decoded: it hands {@code headers} (in wire order) over and keeps no reference to them, so
   * they are kept without a copy.
   */
  static StompFrame decoded(String command, Map<String, String> headers, byte[] body, String skipped) {
    return new StompFrame(command, new Decoded(headers), body, skipped);
  }

  public StompFrame(String command, Map<String, String> headers, byte[] body) {
    this(command, headers, body, null);
  }

  /** True when the reader left part of this frame out (see {@link #skipped()}). */
  public boolean isIncomplete() {
    return skipped != null;
  }

  /** The value of header {@code name}, or null when the frame has none. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body decoded as UTF-8; malformed bytes become U+FFFD rather than failing. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The headers of a decoded frame, read-only; nobody else holds the map they wrap. */
  private static final class Decoded extends AbstractMap<String, String> {

    private final Map<String, String> headers;

    Decoded(Map<String, String> headers) {
      this.headers = Collections.unmodifiableMap(headers);
    }

    @Override
    public String get(Object name) {
      return headers.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
      return headers.containsKey(name);
    }

    @Override
    public int size() {
      return headers.size();
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return headers.entrySet();
    }

    @Override
    public Set<String> keySet() {
      return headers.keySet();
    }
  }

  @Override
  public String toString() {
    return command + headers + " (" + body.length + " bytes" + (skipped == null ? "" : "; skipped " + skipped) + ")";
  }
}
