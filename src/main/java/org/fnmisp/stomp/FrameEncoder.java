package org.fnmisp.stomp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes STOMP 1.2 frames. Header names and values are escaped in every frame, CONNECT included (the issue asks for
 * it: ActiveMQ unescapes CONNECT headers too, so a passcode with a colon survives). A frame with a body always gets
 * {@code content-length}, so bodies may contain NUL bytes.
 *
 * <p>An instance collects frames in one byte array and hands them to the socket in one write (a status message, or
 * a reply's BEGIN, SEND, ACK and COMMIT, is one system call); ASCII text, which headers nearly always are, goes into
 * the array without a detour through a byte array of its own. Not thread-safe: the connection's write lock guards it.
 */
final class FrameEncoder {

  static final String CONTENT_LENGTH = "content-length";
  private static final byte[] HEART_BEAT = {'\n'};
  /** The array shrinks back to this after a larger frame, so one large reply does not stay in memory. */
  private static final int KEPT_CAPACITY = 64 * 1024;

  private byte[] bytes = new byte[4096];
  private int length;

  /** Writes one frame; any {@code content-length} in {@code headers} is replaced by the real one. */
  static void write(OutputStream out, String command, Map<String, String> headers, byte[] body) throws IOException {
    FrameEncoder encoder = new FrameEncoder();
    encoder.add(command, headers, body);
    encoder.writeTo(out);
  }

  /** Adds one frame; any {@code content-length} in {@code headers} is replaced by the real one. */
  void add(String command, Map<String, String> headers, byte[] body) {
    ascii(command);
    put((byte) '\n');
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equals(CONTENT_LENGTH)) {
        continue;
      }
      escaped(header.getKey());
      put((byte) ':');
      escaped(header.getValue());
      put((byte) '\n');
    }
    if (body.length > 0 || command.equals("SEND")) {
      ascii(CONTENT_LENGTH);
      put((byte) ':');
      ascii(Integer.toString(body.length));
      put((byte) '\n');
    }
    put((byte) '\n');
    put(body);
    put((byte) 0);
  }

  /** Writes the frames added so far in one call and starts afresh; the caller flushes. */
  void writeTo(OutputStream out) throws IOException {
    try {
      out.write(bytes, 0, length);
    } finally {
      length = 0;
      if (bytes.length > KEPT_CAPACITY) {
        bytes = new byte[KEPT_CAPACITY];
      }
    }
  }

  /** A command or number: US-ASCII, as before (a character outside it becomes '?'). */
  private void ascii(String text) {
    if (isAscii(text)) {
      copy(text);
    } else {
      put(text.getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** A header name or value: escaped (nearly always the same string: nothing to escape), then UTF-8. */
  private void escaped(String text) {
    String escaped = escape(text);
    if (isAscii(escaped)) {
      copy(escaped);
    } else {
      put(escaped.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** ASCII text straight into the array, without a byte array of its own. */
  private void copy(String ascii) {
    reserve(ascii.length());
    for (int i = 0; i < ascii.length(); i++) {
      bytes[length++] = (byte) ascii.charAt(i);
    }
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private void put(byte b) {
    reserve(1);
    bytes[length++] = b;
  }

  private void put(byte[] source) {
    reserve(source.length);
    System.arraycopy(source, 0, bytes, length, source.length);
    length += source.length;
  }

  private void reserve(int more) {
    if (bytes.length - length < more) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * bytes.length,
          (long) length + more)));
    }
  }

  static void writeHeartBeat(OutputStream out) throws IOException {
    out.write(HEART_BEAT);
  }

  /** STOMP 1.2 value escaping: backslash, colon, LF and CR. Returns the same string when nothing needs escaping. */
  static String escape(String value) {
    int i = 0;
    while (i < value.length() && !needsEscape(value.charAt(i))) {
      i++;
    }
    if (i == value.length()) {
      return value;
    }
    StringBuilder escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case ':' -> escaped.append("\\c");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static boolean needsEscape(char c) {
    return c == '\\' || c == ':' || c == '\n' || c == '\r';
  }
}
