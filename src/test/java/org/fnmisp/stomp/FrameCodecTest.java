package org.fnmisp.stomp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  private static byte[] encode(String command, Map<String, String> headers, byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameEncoder.write(out, command, headers, body);
    return out.toByteArray();
  }

  private static List<StompFrame> decodeAll(InputStream in) throws IOException {
    FrameDecoder decoder = new FrameDecoder(in);
    List<StompFrame> frames = new ArrayList<>();
    for (StompFrame frame = decoder.read(); frame != null; frame = decoder.read()) {
      frames.add(frame);
    }
    return frames;
  }

  private static List<StompFrame> decodeAll(String wire) throws IOException {
    return decodeAll(new ByteArrayInputStream(wire.getBytes(UTF_8)));
  }

  /** Hands out one byte per read, so every frame is split across reads everywhere. */
  private static InputStream oneByteAtATime(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] buffer, int offset, int length) {
        return super.read(buffer, offset, Math.min(1, length));
      }
    };
  }

  @Test
  void shouldEscapeHeadersInEveryFrameIncludingConnect() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("login", "key:id");
    headers.put("passcode", "a\\b:c\nd\re");

    String wire = new String(encode("CONNECT", headers, new byte[0]), UTF_8);

    assertThat(wire).isEqualTo("CONNECT\nlogin:key\\cid\npasscode:a\\\\b\\cc\\nd\\re\n\n\0");
    assertThat(decodeAll(wire).get(0).headers()).isEqualTo(headers);
  }

  @Test
  void shouldUnescapeHeaderNamesAndValues() throws IOException {
    StompFrame frame = decodeAll("MESSAGE\ncorrelation-id:invid\\c80\nna\\cme:x\\\\y\\n\n\n\0").get(0);

    assertThat(frame.header("correlation-id")).isEqualTo("invid:80");
    assertThat(frame.header("na:me")).isEqualTo("x\\y\n");
  }

  @Test
  void shouldWriteContentLengthSoBodiesMayHoldNulBytes() throws IOException {
    byte[] body = {'a', 0, 'b', 0, 0, '\n'};
    Map<String, String> headers = Map.of("destination", "q", "content-length", "999");

    byte[] wire = encode("SEND", headers, body);

    assertThat(new String(wire, UTF_8)).startsWith("SEND\ndestination:q\ncontent-length:6\n\n");
    StompFrame frame = decodeAll(new ByteArrayInputStream(wire)).get(0);
    assertThat(frame.body()).isEqualTo(body);
    assertThat(frame.header("content-length")).isEqualTo("6");
  }

  @Test
  void shouldWriteContentLengthZeroOnAnEmptySend() throws IOException {
    assertThat(new String(encode("SEND", Map.of("destination", "q"), new byte[0]), UTF_8))
        .isEqualTo("SEND\ndestination:q\ncontent-length:0\n\n\0");
  }

  @Test
  void shouldSkipHeartBeatsBetweenFrames() throws IOException {
    List<StompFrame> frames = decodeAll("\n\r\n\nRECEIPT\nreceipt-id:1\n\n\0\n\n\nMESSAGE\r\nack:2\r\n\r\nhi\0\n\n");

    assertThat(frames).extracting(StompFrame::command).containsExactly("RECEIPT", "MESSAGE");
    assertThat(frames.get(1).header("ack")).isEqualTo("2");
    assertThat(frames.get(1).bodyText()).isEqualTo("hi");
  }

  @Test
  void shouldDecodeFramesSplitAcrossReads() throws IOException {
    byte[] first = encode("MESSAGE", Map.of("message-id", "ID:x:1:1", "ack", "a:1"), new byte[] {1, 0, 2});
    byte[] second = "\nMESSAGE\nmessage-id:ID\\cy\n\nno length\0".getBytes(UTF_8);
    byte[] wire = new byte[first.length + second.length];
    System.arraycopy(first, 0, wire, 0, first.length);
    System.arraycopy(second, 0, wire, first.length, second.length);

    List<StompFrame> frames = decodeAll(oneByteAtATime(wire));

    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).header("message-id")).isEqualTo("ID:x:1:1");
    assertThat(frames.get(0).header("ack")).isEqualTo("a:1");
    assertThat(frames.get(0).body()).containsExactly(1, 0, 2);
    assertThat(frames.get(1).header("message-id")).isEqualTo("ID:y");
    assertThat(frames.get(1).bodyText()).isEqualTo("no length");
  }

  @Test
  void shouldKeepTheFirstOfRepeatedHeaders() throws IOException {
    StompFrame frame = decodeAll("MESSAGE\nfoo:first\nfoo:second\n\n\0").get(0);

    assertThat(frame.header("foo")).isEqualTo("first");
    assertThat(frame.headers()).hasSize(1);
  }

  @Test
  void shouldDecodeMalformedUtf8Leniently() throws IOException {
    byte[] wire = {'M', 'E', 'S', 'S', 'A', 'G', 'E', '\n', 'h', ':', (byte) 0xff, 'x', '\n', '\n', 0};

    assertThat(decodeAll(new ByteArrayInputStream(wire)).get(0).header("h")).isEqualTo("\uFFFDx");
  }

  @Test
  void shouldRejectAnOversizedHeaderLine() {
    String wire = "MESSAGE\nbig:" + "x".repeat(FrameDecoder.MAX_LINE) + "\n\n\0";

    assertThatThrownBy(() -> decodeAll(wire))
        .isInstanceOf(StompProtocolException.class)
        .hasMessage("a header line is longer than 65536 bytes");
  }

  @Test
  void shouldAcceptAHeaderLineAtTheLimit() throws IOException {
    String value = "x".repeat(FrameDecoder.MAX_LINE - 4);

    assertThat(decodeAll("MESSAGE\nbig:" + value + "\n\n\0").get(0).header("big")).isEqualTo(value);
  }

  @Test
  void shouldRejectAnOversizedContentLength() {
    assertThatThrownBy(() -> decodeAll("MESSAGE\ncontent-length:16777217\n\n\0"))
        .isInstanceOf(StompProtocolException.class)
        .hasMessage("a MESSAGE body of 16777217 bytes exceeds the limit of 16777216 bytes");
  }

  @Test
  void shouldRejectAnOversizedBodyWithoutContentLength() {
    byte[] head = "MESSAGE\n\n".getBytes(UTF_8);
    byte[] wire = new byte[head.length + FrameDecoder.MAX_BODY + 2];
    System.arraycopy(head, 0, wire, 0, head.length);
    java.util.Arrays.fill(wire, head.length, wire.length - 1, (byte) 'x');

    assertThatThrownBy(() -> decodeAll(new ByteArrayInputStream(wire)))
        .isInstanceOf(StompProtocolException.class)
        .hasMessageContaining("exceeds the limit of 16777216 bytes");
  }

  @Test
  void shouldRejectABadContentLength() {
    assertThatThrownBy(() -> decodeAll("MESSAGE\ncontent-length:12a\n\n\0"))
        .isInstanceOf(StompProtocolException.class)
        .hasMessage("bad content-length '12a' in a MESSAGE frame");
  }

  @Test
  void shouldRejectABodyLongerThanItsContentLength() {
    assertThatThrownBy(() -> decodeAll("MESSAGE\ncontent-length:2\n\nabc\0"))
        .isInstanceOf(StompProtocolException.class)
        .hasMessage("a MESSAGE body of content-length 2 is not followed by NUL");
  }

  @Test
  void shouldReportAStreamThatEndsInsideAFrame() {
    assertThatThrownBy(() -> decodeAll("MESSAGE\nack:1\n\nhalf a bo"))
        .isInstanceOf(EOFException.class)
        .hasMessage("the connection ended in the middle of a frame");
  }

  @Test
  void shouldRejectAHeaderWithoutColon() {
    assertThatThrownBy(() -> decodeAll("MESSAGE\nnocolon\n\n\0"))
        .isInstanceOf(StompProtocolException.class)
        .hasMessage("header line without a colon in a MESSAGE frame");
  }
}
