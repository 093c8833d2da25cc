package org.fnmisp.stomp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads STOMP 1.2 frames from a stream with its own buffer (no per-byte locking, no regex). End-of-lines between
 * frames are heart-beats and are skipped. Limits protect the reader without stalling it: a body over the limit (by
 * default ActiveMQ's own {@code maxFrameSize}, 100 MiB), a header line over 64 KiB or headers beyond the 1000th are
 * read past without being kept, and the frame comes out marked with what was skipped ({@link StompFrame#skipped()}),
 * so the caller can answer and ACK it instead of dropping the connection (after which the broker would hand out the
 * same frame first, for ever). Not thread-safe: one reader thread owns it.
 */
final class FrameDecoder {

  /** ActiveMQ's default {@code maxFrameSize} (StompWireFormat.MAX_DATA_LENGTH). */
  static final int DEFAULT_MAX_BODY = 100 * 1024 * 1024;
  static final int MAX_LINE = 64 * 1024;
  /** ActiveMQ's own limit on the headers of a STOMP frame (StompWireFormat.MAX_HEADERS). */
  static final int MAX_HEADERS = 1000;
  /** Kept even beyond {@link #MAX_HEADERS}: without them a frame cannot be answered or acknowledged. */
  private static final Set<String> ESSENTIAL = Set.of("message-id", "ack", "subscription", "destination",
      "reply-to", "correlation-id", "receipt-id", "message", FrameEncoder.CONTENT_LENGTH);

  private static final Names COMMANDS = new Names("MESSAGE", "RECEIPT", "ERROR", "CONNECTED");
  /** ActiveMQ's headers of a MESSAGE, SOAR's, and those of RECEIPT and ERROR. */
  private static final Names HEADER_NAMES = new Names("message-id", "destination", "subscription", "ack",
      FrameEncoder.CONTENT_LENGTH, "expires", "priority", "timestamp", "persistent", "correlation-id", "reply-to",
      "redelivered", "type", "content-type", "receipt-id", "message", "Co3MessagePayload", "Co3ContextToken",
      "Co3ContentType", "Co3RemoteAddr", "Co3InvocationComplete", "JMSXUserID", "server", "version",
      "heart-beat", "session");

  private final InputStream in;
  private final int maxBody;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private boolean lineTooLong;

  FrameDecoder(InputStream in) {
    this(in, DEFAULT_MAX_BODY);
  }

  FrameDecoder(InputStream in, int maxBody) {
    this.in = in;
    this.maxBody = maxBody;
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
    String command = known(COMMANDS, readLine(first));
    List<String> skipped = new ArrayList<>(0);
    // ActiveMQ's MESSAGE frames carry some 15 headers: room for them without growing the table
    LinkedHashMap<String, String> headers = new LinkedHashMap<>(32);
    int count = 0;
    for (int length = readLine(nextInFrame()); length > 0 || lineTooLong; length = readLine(nextInFrame())) {
      int colon = indexOfColon(length);
      if (colon < 0 && !lineTooLong) {
        throw new StompProtocolException("header line without a colon in a " + command + " frame");
      }
      String name = colon < 0 ? text(0, length) : unescape(known(HEADER_NAMES, colon));
      if (lineTooLong) {
        skipped.add("a header line longer than " + MAX_LINE + " bytes (" + abbreviate(name) + ")");
      } else if (++count > MAX_HEADERS && !ESSENTIAL.contains(name)) {
        if (count == MAX_HEADERS + 1) {
          skipped.add("the headers beyond the first " + MAX_HEADERS);
        }
      } else {
        headers.putIfAbsent(name, unescape(text(colon + 1, length)));
      }
    }
    String length = headers.get(FrameEncoder.CONTENT_LENGTH);
    byte[] body;
    if (length == null) {
      body = readUntilNul(command, skipped);
    } else {
      long size = contentLength(length, command);
      if (size > maxBody) {
        skip(size, command);
        skipped.add(tooLarge(command, size));
        body = null;
      } else {
        body = readExactly((int) size, command);
      }
    }
    return StompFrame.decoded(command, headers, body, skipped.isEmpty() ? null : String.join("; ", skipped));
  }

  /**
   * Reads one line whose first byte is already known into {@code line} and returns its length; strips the trailing
   * CR of a CRLF. A line over the limit is read to its end, only its first {@link #MAX_LINE} bytes are kept and
   * {@code lineTooLong} is set.
   */
  private int readLine(int first) throws IOException {
    int length = 0;
    lineTooLong = false;
    for (int b = first; b != '\n'; b = nextInFrame()) {
      if (length == MAX_LINE) {
        lineTooLong = true;
        continue;
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
      }
      line[length++] = (byte) b;
    }
    if (!lineTooLong && length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return length;
  }

  private int indexOfColon(int length) {
    for (int i = 0; i < length; i++) {
      if (line[i] == ':') {
        return i;
      }
    }
    return -1;
  }

  /** Bytes {@code from} to {@code to} of the line; lenient: malformed UTF-8 becomes U+FFFD, the connection lives. */
  private String text(int from, int to) {
    return new String(line, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * The first {@code length} bytes of the line as text: one of {@code known} when they spell it (the same few
   * commands and header names arrive in every frame), else a new string.
   */
  private String known(Names known, int length) {
    String word = known.spelledBy(line, length);
    return word != null ? word : text(0, length);
  }

  /** Words that arrive in nearly every frame, with the bytes that spell them. */
  private static final class Names {

    private final String[] words;
    private final byte[][] spellings;

    Names(String... words) {
      this.words = words;
      this.spellings = new byte[words.length][];
      for (int i = 0; i < words.length; i++) {
        spellings[i] = words[i].getBytes(StandardCharsets.US_ASCII);
      }
    }

    /** The word the first {@code length} bytes of {@code line} spell, or null. */
    String spelledBy(byte[] line, int length) {
      for (int i = 0; i < words.length; i++) {
        if (spellings[i].length == length && Arrays.equals(line, 0, length, spellings[i], 0, length)) {
          return words[i];
        }
      }
      return null;
    }
  }

  private static String abbreviate(String name) {
    return name.length() > 40 ? name.substring(0, 40) + "..." : name;
  }

  private static long contentLength(String value, String command) throws StompProtocolException {
    long length = 0;
    if (value.isEmpty() || value.length() > 18) {
      throw new StompProtocolException("bad content-length '" + value + "' in a " + command + " frame");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new StompProtocolException("bad content-length '" + value + "' in a " + command + " frame");
      }
      length = length * 10 + (c - '0');
    }
    return length;
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
    expectNul(length, command);
    return body;
  }

  /** Reads past {@code length} body bytes without keeping them. */
  private void skip(long length, String command) throws IOException {
    long left = length;
    while (left > 0) {
      if (position == limit && fill() < 0) {
        throw new EOFException("the connection ended inside a " + command + " body");
      }
      int chunk = (int) Math.min(left, limit - position);
      position += chunk;
      left -= chunk;
    }
    expectNul(length, command);
  }

  private void expectNul(long length, String command) throws IOException {
    if (nextInFrame() != 0) {
      throw new StompProtocolException("a " + command + " body of content-length " + length
          + " is not followed by NUL");
    }
  }

  private byte[] readUntilNul(String command, List<String> skipped) throws IOException {
    byte[] body = new byte[256];
    int length = 0;
    long discarded = 0;
    for (int b = nextInFrame(); b != 0; b = nextInFrame()) {
      if (length == maxBody) {
        discarded++;
        continue;
      }
      if (length == body.length) {
        body = Arrays.copyOf(body, (int) Math.min(maxBody, body.length * 2L));
      }
      body[length++] = (byte) b;
    }
    if (discarded > 0) {
      skipped.add(tooLarge(command, length + discarded));
      return null;
    }
    return Arrays.copyOf(body, length);
  }

  private String tooLarge(String command, long length) {
    return "a " + command + " body of " + length + " bytes exceeds the limit of " + maxBody + " bytes";
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
