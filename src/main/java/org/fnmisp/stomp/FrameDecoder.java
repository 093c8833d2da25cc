package org.fnmisp.stomp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads STOMP 1.2 frames from a stream with its own buffer (no per-byte locking, no regex). End-of-lines between
 * frames are heart-beats and are skipped. Limits protect the reader: a header line over 64 KiB or a body over 16 MiB
 * is a {@link StompProtocolException}, never a silently dropped frame. Not thread-safe: one reader thread owns it.
 */
final class FrameDecoder {

  static final int MAX_LINE = 64 * 1024;
  static final int MAX_BODY = 16 * 1024 * 1024;

  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private byte[] line = new byte[256];

  FrameDecoder(InputStream in) {
    this.in = in;
  }

  /** The next frame, or null when the stream ended cleanly between frames. */
  StompFrame read() throws IOException {
    int first;
    do {
      first = next();
      if (first < 0) {
        return null;
      }
    } while (first == '\n' || first == '\r');
    String command = readLine(first);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header = readLine(nextInFrame()); !header.isEmpty(); header = readLine(nextInFrame())) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        throw new StompProtocolException("header line without a colon in a " + command + " frame");
      }
      headers.putIfAbsent(unescape(header.substring(0, colon)), unescape(header.substring(colon + 1)));
    }
    String length = headers.get(FrameEncoder.CONTENT_LENGTH);
    byte[] body = length == null ? readUntilNul(command) : readExactly(contentLength(length, command), command);
    return new StompFrame(command, headers, body);
  }

  /** Reads one line whose first byte is already known; strips the trailing CR of a CRLF. */
  private String readLine(int first) throws IOException {
    int length = 0;
    for (int b = first; b != '\n'; b = nextInFrame()) {
      if (length == MAX_LINE) {
        throw new StompProtocolException("a header line is longer than " + MAX_LINE + " bytes");
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
      }
      line[length++] = (byte) b;
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    // Lenient: malformed UTF-8 becomes U+FFFD instead of killing the connection.
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  private static int contentLength(String value, String command) throws StompProtocolException {
    long length = 0;
    if (value.isEmpty() || value.length() > 10) {
      throw new StompProtocolException("bad content-length '" + value + "' in a " + command + " frame");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new StompProtocolException("bad content-length '" + value + "' in a " + command + " frame");
      }
      length = length * 10 + (c - '0');
    }
    if (length > MAX_BODY) {
      throw new StompProtocolException(tooLarge(command, length));
    }
    return (int) length;
  }

  private byte[] readExactly(int length, String command) throws IOException {
    byte[] body = new byte[length];
    int filled = 0;
    while (filled < length) {
      if (position == limit && fill() < 0) {
        throw new EOFException("the connection ended inside a " + command + " body");
      }
      int chunk = Math.min(length - filled, limit - position);
      System.arraycopy(buffer, position, body, filled, chunk);
      position += chunk;
      filled += chunk;
    }
    if (nextInFrame() != 0) {
      throw new StompProtocolException("a " + command + " body of content-length " + length
          + " is not followed by NUL");
    }
    return body;
  }

  private byte[] readUntilNul(String command) throws IOException {
    byte[] body = new byte[256];
    int length = 0;
    for (int b = nextInFrame(); b != 0; b = nextInFrame()) {
      if (length == MAX_BODY) {
        throw new StompProtocolException(tooLarge(command, length + 1L));
      }
      if (length == body.length) {
        body = Arrays.copyOf(body, Math.min(MAX_BODY, body.length * 2));
      }
      body[length++] = (byte) b;
    }
    return Arrays.copyOf(body, length);
  }

  private static String tooLarge(String command, long length) {
    return "a " + command + " body of " + length + " bytes exceeds the limit of " + MAX_BODY + " bytes";
  }

  /**
   * Undoes STOMP 1.2 escaping. An undefined escape sequence is kept as-is: the spec calls it fatal, but dropping the
   * connection over one odd header would only cause a redelivery loop.
   */
  static String unescape(String value) {
    int backslash = value.indexOf('\\');
    if (backslash < 0) {
      return value;
    }
    StringBuilder plain = new StringBuilder(value.length()).append(value, 0, backslash);
    for (int i = backslash; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\' || i + 1 == value.length()) {
        plain.append(c);
        continue;
      }
      char code = value.charAt(++i);
      switch (code) {
        case '\\' -> plain.append('\\');
        case 'c' -> plain.append(':');
        case 'n' -> plain.append('\n');
        case 'r' -> plain.append('\r');
        default -> plain.append('\\').append(code);
      }
    }
    return plain.toString();
  }

  private int nextInFrame() throws IOException {
    int b = next();
    if (b < 0) {
      throw new EOFException("the connection ended in the middle of a frame");
    }
    return b;
  }

  private int next() throws IOException {
    if (position == limit && fill() < 0) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  private int fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return -1;
    }
    position = 0;
    limit = read;
    return read;
  }
}
