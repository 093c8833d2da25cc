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
  void shouldKeepEveryHeaderOfAnActiveMqMessageInOrderAndReadOnly() throws IOException {
    String wire = "MESSAGE\nmessage-id:ID:host-1:2:3:4:5\ndestination:/queue/actions.201.fn_misp\n"
        + "subscription:actions.201.fn_misp#1\nack:ID:host-1:42\nexpires:0\npriority:4\ntimestamp:1700000000000\n"
        + "persistent:true\ncorrelation-id:invid\\c7\nreply-to:/queue/acks.201.fn_misp\nredelivered:false\n"
        + "Co3MessagePayload:FunctionDataDTO\nCo3ContextToken:secret\ntype:x\ncontent-type:text/plain\n"
        + "X-Custom:1\nmessage\\cid:escaped name\ncontent-length:2\n\n{}\0";

    StompFrame frame = decodeAll(wire).get(0);

    assertThat(frame.command()).isEqualTo("MESSAGE");
    assertThat(frame.headers().keySet()).containsExactly("message-id", "destination", "subscription", "ack",
        "expires", "priority", "timestamp", "persistent", "correlation-id", "reply-to", "redelivered",
        "Co3MessagePayload", "Co3ContextToken", "type", "content-type", "X-Custom", "message:id", "content-length");
    assertThat(frame.header("message-id")).isEqualTo("ID:host-1:2:3:4:5");
    assertThat(frame.header("correlation-id")).isEqualTo("invid:7");
    assertThat(frame.header("message:id")).isEqualTo("escaped name");
    assertThat(frame.header("nothing")).isNull();
    assertThat(frame.headers()).containsEntry("ack", "ID:host-1:42").hasSize(18);
    assertThat(new StompFrame("MESSAGE", frame.headers(), frame.body()).headers()).isEqualTo(frame.headers());
    assertThatThrownBy(() -> frame.headers().put("ack", "other")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frame.headers().entrySet().iterator().next().setValue("other"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frame.headers().keySet().remove("ack"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldDecodeMalformedUtf8Leniently() throws IOException {
    byte[] wire = {'M', 'E', 'S', 'S', 'A', 'G', 'E', '\n', 'h', ':', (byte) 0xff, 'x', '\n', '\n', 0};

    assertThat(decodeAll(new ByteArrayInputStream(wire)).get(0).header("h")).isEqualTo("\uFFFDx");
  }

  /** A frame of {@code head}, {@code size} body bytes made on the fly (never held), NUL, then {@code tail}. */
  private static InputStream generated(String head, long size, String tail) {
    byte[] start = head.getBytes(UTF_8);
    byte[] end = ("\0" + tail).getBytes(UTF_8);
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        long total = start.length + size + end.length;
        if (position >= total) {
          return -1;
        }
        int n = (int) Math.min(length, total - position);
        for (int i = 0; i < n; i++, position++) {
          buffer[offset + i] = position < start.length ? start[(int) position]
              : position < start.length + size ? (byte) 'x' : end[(int) (position - start.length - size)];
        }
        return n;
      }
    };
  }

  @Test
  void shouldSkipAnOversizedHeaderLineAndKeepReading() throws IOException {
    String wire = "MESSAGE\nack:a1\nbig:" + "x".repeat(FrameDecoder.MAX_LINE) + "\nmessage-id:m1\n\nbody\0"
        + "MESSAGE\nack:a2\n\n\0";

    List<StompFrame> frames = decodeAll(wire);

    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).headers()).containsOnlyKeys("ack", "message-id");
    assertThat(frames.get(0).skipped()).isEqualTo("a header line longer than 65536 bytes (big)");
    assertThat(frames.get(1).isIncomplete()).isFalse();
  }

  @Test
  void shouldAcceptAHeaderLineAtTheLimit() throws IOException {
    String value = "x".repeat(FrameDecoder.MAX_LINE - 4);

    StompFrame frame = decodeAll("MESSAGE\nbig:" + value + "\n\n\0").get(0);

    assertThat(frame.header("big")).isEqualTo(value);
    assertThat(frame.isIncomplete()).isFalse();
  }

  @Test
  void shouldKeepAtMostAThousandHeadersButAlwaysThoseNeededToAnswer() throws IOException {
    StringBuilder wire = new StringBuilder("MESSAGE\n");
    for (int i = 0; i < 1500; i++) {
      wire.append("h").append(i).append(":v\n");
    }
    wire.append("ack:a1\nmessage-id:m1\nreply-to:/queue/r\n\n\0");

    StompFrame frame = decodeAll(wire.toString()).get(0);

    assertThat(frame.headers()).hasSize(1003).containsKeys("h999", "ack", "message-id", "reply-to")
        .doesNotContainKey("h1000");
    assertThat(frame.skipped()).isEqualTo("the headers beyond the first 1000");
  }

  @Test
  void shouldSkipABodyOverActiveMqsFrameLimitWithoutHoldingItAndKeepReading() throws IOException {
    long size = 100L * 1024 * 1024 + 1;
    FrameDecoder decoder = new FrameDecoder(generated("MESSAGE\nack:a1\ncontent-length:" + size + "\n\n", size,
        "MESSAGE\nack:a2\n\nnext\0"));

    StompFrame big = decoder.read();
    StompFrame next = decoder.read();

    assertThat(big.body()).isEmpty();
    assertThat(big.header("ack")).isEqualTo("a1");
    assertThat(big.skipped()).isEqualTo("a MESSAGE body of 104857601 bytes exceeds the limit of 104857600 bytes");
    assertThat(next.bodyText()).isEqualTo("next");
  }

  @Test
  void shouldKeepABodyAtActiveMqsFrameLimit() throws IOException {
    long size = 100L * 1024 * 1024;
    FrameDecoder decoder = new FrameDecoder(generated("MESSAGE\ncontent-length:" + size + "\n\n", size, ""));

    assertThat(decoder.read().body()).hasSize((int) size);
  }

  @Test
  void shouldSkipAnOversizedBodyWithoutContentLength() throws IOException {
    FrameDecoder decoder = new FrameDecoder(generated("MESSAGE\nack:a1\n\n", 1001, "MESSAGE\n\nnext\0"), 1000);

    StompFrame big = decoder.read();

    assertThat(big.body()).isEmpty();
    assertThat(big.skipped()).isEqualTo("a MESSAGE body of 1001 bytes exceeds the limit of 1000 bytes");
    assertThat(decoder.read().bodyText()).isEqualTo("next");
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
