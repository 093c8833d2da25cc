package org.fnmisp.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever we encode decodes to the same frame: any header names and values (escaping), any body bytes including NUL
 * (content-length), several frames with heart-beats between them, read in chunks of any size.
 */
class FrameCodecPropertiesTest {

  private static final List<String> COMMANDS =
      List.of("SEND", "MESSAGE", "ACK", "NACK", "SUBSCRIBE", "CONNECT", "CONNECTED", "RECEIPT", "ERROR", "BEGIN");

  /** A frame as written: command, headers in order, body. */
  @SuppressWarnings("ArrayRecordComponent") // the tests compare the body itself, never the record
  record Written(String command, Map<String, String> headers, byte[] body) {}

  @Property(tries = 300)
  void shouldDecodeWhatItEncodes(@ForAll("frames") Written frame) throws IOException {
    StompFrame decoded = decodeAll(encode(List.of(frame), ""), List.of(Integer.MAX_VALUE)).get(0);

    assertThat(decoded.command()).isEqualTo(frame.command());
    assertThat(decoded.headers()).isEqualTo(expectedHeaders(frame));
    assertThat(decoded.body()).isEqualTo(frame.body());
  }

  @Property(tries = 200)
  void shouldDecodeFramesAndHeartBeatsSplitAnywhereAcrossReads(@ForAll("streams") List<Written> frames,
      @ForAll("heartBeats") String heartBeats, @ForAll("chunkSizes") List<Integer> chunkSizes) throws IOException {
    List<StompFrame> decoded = decodeAll(encode(frames, heartBeats), chunkSizes);

    assertThat(decoded).hasSameSizeAs(frames);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(decoded.get(i).command()).isEqualTo(frames.get(i).command());
      assertThat(decoded.get(i).headers()).isEqualTo(expectedHeaders(frames.get(i)));
      assertThat(decoded.get(i).body()).isEqualTo(frames.get(i).body());
    }
  }

  /**
   * An encoder that collects several frames hands them to the stream in one write, byte for byte what writing each
   * frame's parts one by one gives (the encoding before the encoder kept its own array), lone surrogates included.
   */
  @Property(tries = 300)
  void shouldWriteCollectedFramesInOneWriteWithThePlainEncodingsBytes(@ForAll("anyStreams") List<Written> frames)
      throws IOException {
    FrameEncoder encoder = new FrameEncoder();
    CountingStream out = new CountingStream();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (Written frame : frames) {
      encoder.add(frame.command(), frame.headers(), frame.body());
      writePlain(expected, frame);
    }

    encoder.writeTo(out);

    assertThat(out.writes).isEqualTo(1);
    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Property(tries = 20)
  void shouldEncodeCorrectlyAfterAFrameLargerThanTheArrayItKeeps(@ForAll("frames") Written small) throws IOException {
    FrameEncoder encoder = new FrameEncoder();
    Written large = new Written("SEND", Map.of("destination", "/queue/x"), new byte[300 * 1024]);
    for (Written frame : List.of(large, small, large, small)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      encoder.add(frame.command(), frame.headers(), frame.body());
      writePlain(expected, frame);

      encoder.writeTo(out);

      assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }
  }

  /** The plain encoding: each part turned into bytes on its own. */
  private static void writePlain(ByteArrayOutputStream out, Written frame) {
    out.writeBytes(frame.command().getBytes(StandardCharsets.US_ASCII));
    out.write('\n');
    for (Map.Entry<String, String> header : frame.headers().entrySet()) {
      if (!header.getKey().equals(FrameEncoder.CONTENT_LENGTH)) {
        out.writeBytes((FrameEncoder.escape(header.getKey()) + ":" + FrameEncoder.escape(header.getValue()) + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    if (frame.body().length > 0 || frame.command().equals("SEND")) {
      out.writeBytes(("content-length:" + frame.body().length + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    out.write('\n');
    out.writeBytes(frame.body());
    out.write(0);
  }

  private static final class CountingStream extends ByteArrayOutputStream {

    int writes;

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      writes++;
      super.write(bytes, offset, length);
    }

    @Override
    public synchronized void write(int b) {
      writes++;
      super.write(b);
    }
  }

  /** Brokers may leave content-length out: the body then runs to the first NUL. */
  @Property(tries = 200)
  void shouldReadABodyWithoutContentLengthUpToTheNul(@ForAll("frames") Written frame,
      @ForAll("chunkSizes") List<Integer> chunkSizes) throws IOException {
    byte[] body = withoutNul(frame.body());
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes((frame.command() + "\n").getBytes(StandardCharsets.US_ASCII));
    frame.headers().forEach((name, value) -> wire.writeBytes(
        (FrameEncoder.escape(name) + ":" + FrameEncoder.escape(value) + "\n").getBytes(StandardCharsets.UTF_8)));
    wire.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
    wire.writeBytes(body);
    wire.write(0);

    StompFrame decoded = decodeAll(wire.toByteArray(), chunkSizes).get(0);

    assertThat(decoded.headers()).isEqualTo(frame.headers());
    assertThat(decoded.body()).isEqualTo(body);
  }

  @Property(tries = 300)
  void shouldUnescapeWhatItEscapes(@ForAll("text") String value) {
    String escaped = FrameEncoder.escape(value);

    assertThat(escaped).doesNotContain(":", "\n", "\r");
    assertThat(FrameDecoder.unescape(escaped)).isEqualTo(value);
  }

  /** The encoder's content-length, unless the frame needs none: a body-less frame other than SEND. */
  private static Map<String, String> expectedHeaders(Written frame) {
    Map<String, String> expected = new LinkedHashMap<>(frame.headers());
    if (frame.body().length > 0 || frame.command().equals("SEND")) {
      expected.put(FrameEncoder.CONTENT_LENGTH, Integer.toString(frame.body().length));
    }
    return expected;
  }

  private static byte[] withoutNul(byte[] body) {
    byte[] copy = body.clone();
    for (int i = 0; i < copy.length; i++) {
      copy[i] = copy[i] == 0 ? (byte) '0' : copy[i];
    }
    return copy;
  }

  private static byte[] encode(List<Written> frames, String heartBeats) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Written frame : frames) {
      out.writeBytes(heartBeats.getBytes(StandardCharsets.US_ASCII));
      FrameEncoder.write(out, frame.command(), frame.headers(), frame.body());
    }
    out.writeBytes(heartBeats.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static List<StompFrame> decodeAll(byte[] wire, List<Integer> chunkSizes) throws IOException {
    FrameDecoder decoder = new FrameDecoder(new Chunked(wire, chunkSizes));
    List<StompFrame> frames = new ArrayList<>();
    for (StompFrame frame = decoder.read(); frame != null; frame = decoder.read()) {
      frames.add(frame);
    }
    return frames;
  }

  /** Hands out the bytes in chunks of the given sizes, round and round, as a socket may. */
  private static final class Chunked extends ByteArrayInputStream {

    private final List<Integer> sizes;
    private int next;

    Chunked(byte[] bytes, List<Integer> sizes) {
      super(bytes);
      this.sizes = sizes;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
      int size = sizes.get(next++ % sizes.size());
      return super.read(buffer, offset, Math.min(size, length));
    }
  }

  @Provide
  Arbitrary<Written> frames() {
    Arbitrary<String> names = text().filter(name -> !name.equals(FrameEncoder.CONTENT_LENGTH));
    Arbitrary<Map<String, String>> headers = Arbitraries.maps(names, text()).ofMaxSize(6)
        .map(LinkedHashMap::new);
    Arbitrary<byte[]> bodies = Arbitraries.oneOf(
        Arbitraries.just(new byte[0]),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        Arbitraries.of((byte) 0, (byte) '\n', (byte) '\r', (byte) ':').array(byte[].class).ofMaxSize(20));
    return Combinators.combine(Arbitraries.of(COMMANDS), headers, bodies).as(Written::new);
  }

  @Provide
  Arbitrary<List<Written>> streams() {
    return frames().list().ofMinSize(1).ofMaxSize(4);
  }

  /** Frames whose header text may also hold lone surrogates, which UTF-8 cannot encode (they become '?'). */
  @Provide
  Arbitrary<List<Written>> anyStreams() {
    Arbitrary<String> any = Arbitraries.oneOf(text(), Arbitraries.of("\uD83D", "a\uDE00:", "\uDFFF\uD800"));
    Arbitrary<Map<String, String>> headers = Arbitraries.maps(any, any).ofMaxSize(6).map(LinkedHashMap::new);
    Arbitrary<Written> frame = Combinators.combine(Arbitraries.of(COMMANDS), headers,
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as(Written::new);
    return frame.list().ofMinSize(1).ofMaxSize(5);
  }

  /** Any header text: the characters STOMP escapes, NUL, and the rest of Unicode (surrogate pairs, not halves). */
  @Provide
  Arbitrary<String> text() {
    Arbitrary<String> special = Arbitraries.of(":", "\\", "\n", "\r", "\0", "\\c", " ", "é", "€", "\uD83D\uDE00");
    Arbitrary<String> any = Arbitraries.strings().all().excludeChars(surrogates()).ofMaxLength(3);
    return Arbitraries.oneOf(special, any).list().ofMaxSize(8).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> heartBeats() {
    return Arbitraries.of("", "\n", "\r\n", "\n\n\r\n");
  }

  @Provide
  Arbitrary<List<Integer>> chunkSizes() {
    return Arbitraries.integers().between(1, 70).list().ofMinSize(1).ofMaxSize(5);
  }

  private static char[] surrogates() {
    char[] chars = new char[Character.MAX_SURROGATE - Character.MIN_SURROGATE + 1];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) (Character.MIN_SURROGATE + i);
    }
    return chars;
  }
}
