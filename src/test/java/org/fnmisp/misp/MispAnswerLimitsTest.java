package org.fnmisp.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import org.fnmisp.config.Secret;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.tls.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What MISP can make fn-misp hold: answers beyond max_response_mb are refused, a trickled answer is cut off. */
class MispAnswerLimitsTest {

  private static final long MIB = 1 << 20;

  private final FakeMisp misp = new FakeMisp();

  @AfterEach
  void stop() {
    misp.close();
  }

  private MispClient client(Duration timeout, int maxRetries, long maxResponseBytes) {
    return new MispClient(new MispSettings(misp.url(), Secret.of(FakeMisp.KEY), TlsTrust.system(),
        ProxyResolver.direct(), timeout, maxRetries, Duration.ofMillis(5), maxResponseBytes));
  }

  @Test
  void shouldRefuseAHugeAnswerByItsLengthWithoutReadingIt() {
    StreamedBody huge = new StreamedBody(1024 * MIB);
    misp.server().enqueue(new MockResponse.Builder().code(200).body(huge).build());

    try (MispClient client = client(Duration.ofSeconds(5), 0, MIB)) {
      assertThatThrownBy(() -> client.searchEvents("8.8.8.8")).isInstanceOf(MispReplyException.class)
          .hasMessage("Could not search MISP for the attribute value: MISP at " + misp.host() + " answered with more"
              + " than 1 MB ([fn_misp] max_response_mb = 1); narrow the request, or raise max_response_mb together"
              + " with the heap (-Xmx)");
    }
    assertThat(huge.written.get()).as("bytes the server got out before the client hung up").isLessThan(64 * MIB);
  }

  @Test
  void shouldStopReadingAChunkedAnswerOnceItPassesTheLimit() {
    misp.server().enqueue(new MockResponse.Builder().code(200).chunkedBody(json(3 * MIB), 64 * 1024).build());

    try (MispClient client = client(Duration.ofSeconds(5), 0, MIB)) {
      assertThatThrownBy(client::serverVersion).isInstanceOf(MispReplyException.class)
          .hasMessageContaining("more than 1 MB ([fn_misp] max_response_mb = 1)");
    }
  }

  @Test
  void shouldReadAnAnswerOfExactlyTheLimit() throws Exception {
    misp.server().enqueue(new MockResponse.Builder().code(200).chunkedBody(json(MIB), 64 * 1024).build());

    try (MispClient client = client(Duration.ofSeconds(5), 0, MIB)) {
      assertThat(client.serverVersion().get("version").asText()).isEqualTo("2.5.1");
    }
  }

  @Test
  void shouldApplyTheLimitToErrorAnswersToo() {
    misp.server().enqueue(new MockResponse.Builder().code(500).body(json(2 * MIB)).build());

    try (MispClient client = client(Duration.ofSeconds(5), 0, MIB)) {
      assertThatThrownBy(client::serverVersion).isInstanceOf(MispReplyException.class)
          .hasMessageContaining("[fn_misp] max_response_mb = 1");
    }
  }

  @Test
  void shouldCutOffAnAnswerTrickledFasterThanTheTimeoutAtTheCallsDeadline() {
    // A byte every 50 ms never trips the 300 ms read time-out; the 200 bytes (and the headers) would take 10 s.
    misp.server().enqueue(new MockResponse.Builder().code(200).body(json(200))
        .throttleBody(1, 50, TimeUnit.MILLISECONDS).build());

    long started = System.nanoTime();
    try (MispClient client = client(Duration.ofMillis(300), 1, MIB)) {
      assertThatThrownBy(client::serverVersion).isInstanceOf(MispTransportException.class)
          .hasMessage("Could not read the MISP server version: MISP at " + misp.host() + " did not finish answering"
              + " within 0.9 s (the limit of one call, retries included: max_retries + 2 times [fn_misp] timeout;"
              + " raise timeout if MISP is that slow)");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(misp.requestCount()).as("a call past its deadline is not retried").isEqualTo(1);
  }

  /** {@code {"version":"2.5.1"}} padded with spaces to {@code size} bytes (at least its own length). */
  private static Buffer json(long size) {
    String version = "{\"version\":\"2.5.1\"}";
    Buffer buffer = new Buffer().writeUtf8(version);
    while (buffer.size() < size) {
      buffer.writeByte(' ');
    }
    return buffer;
  }

  /** A body of {@code length} bytes produced while it is sent, so the test never holds it either. */
  private static final class StreamedBody implements MockResponseBody {
    final AtomicLong written = new AtomicLong();
    private final long length;

    StreamedBody(long length) {
      this.length = length;
    }

    @Override
    public long getContentLength() {
      return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws java.io.IOException {
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      while (written.get() < length) {
        sink.write(chunk);
        sink.flush();
        written.addAndGet(chunk.length);
      }
    }
  }
}
