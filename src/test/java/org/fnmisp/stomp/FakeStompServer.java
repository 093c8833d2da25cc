package org.fnmisp.stomp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fnmisp.config.Secret;
import org.fnmisp.retry.Backoff;

/**
 * A scripted STOMP server on a loopback port for what a real broker will not do on demand: go silent, ask for
 * heart-beats, never send a RECEIPT, send oversized headers. One connection at a time; every received frame is queued.
 */
final class FakeStompServer implements AutoCloseable {

  private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
  private final BlockingQueue<StompFrame> frames = new LinkedBlockingQueue<>();
  private final AtomicLong received = new AtomicLong();
  private volatile long receivedAtConnected;
  private final Thread acceptor;
  private volatile String connectedHeartBeat = "0,0";
  private volatile byte[] connectAnswer;
  private volatile boolean answerReceipts = true;
  private volatile Socket current;

  FakeStompServer() throws IOException {
    acceptor = new Thread(this::acceptLoop, "fake-stomp-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  StompSettings settings(Duration heartBeat, Duration receiptTimeout) {
    return new StompSettings("127.0.0.1", port(), false, null, "fake-login", Secret.of("fake:secret"), heartBeat,
        Duration.ofSeconds(2), receiptTimeout,
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 2.0, 0.0, new Random(1)::nextDouble));
  }

  /** The heart-beat header the CONNECTED frame carries. */
  FakeStompServer heartBeat(String value) {
    connectedHeartBeat = value;
    return this;
  }

  /** Answer CONNECT with these raw bytes instead of CONNECTED. */
  FakeStompServer answerConnectWith(byte[] raw) {
    connectAnswer = raw;
    return this;
  }

  FakeStompServer answerReceipts(boolean answer) {
    answerReceipts = answer;
    return this;
  }

  StompFrame nextFrame(Duration timeout) throws InterruptedException {
    StompFrame frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      throw new AssertionError("the fake server received no frame within " + timeout);
    }
    return frame;
  }

  /** Bytes the client sent on the current connection after CONNECTED: heart-beats, when it sent no frame. */
  long bytesAfterConnected() {
    return received.get() - receivedAtConnected;
  }

  synchronized void send(String command, Map<String, String> headers, String body) throws IOException {
    OutputStream out = current.getOutputStream();
    FrameEncoder.write(out, command, headers, body.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Writes raw bytes, e.g. a heart-beat EOL. */
  synchronized void sendRaw(byte[] bytes) throws IOException {
    OutputStream out = current.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** Drops the current connection without a word, like a crashed broker. */
  void dropConnection() throws IOException {
    current.close();
  }

  @Override
  public void close() throws IOException {
    server.close();
    Socket socket = current;
    if (socket != null) {
      socket.close();
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        current = socket;
        serve(socket);
      } catch (IOException e) {
        // The client went away or the server is closing: take the next connection.
      }
    }
  }

  private void serve(Socket socket) throws IOException {
    received.set(0);
    receivedAtConnected = Long.MAX_VALUE / 2;
    InputStream counting = new FilterInputStream(socket.getInputStream()) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
          received.addAndGet(read);
        }
        return read;
      }
    };
    FrameDecoder decoder = new FrameDecoder(counting);
    OutputStream out = socket.getOutputStream();
    StompFrame connect = decoder.read();
    frames.add(connect);
    if (connectAnswer != null) {
      out.write(connectAnswer);
      out.flush();
      return;
    }
    receivedAtConnected = received.get();
    FrameEncoder.write(out, "CONNECTED", Map.of("version", "1.2", "heart-beat", connectedHeartBeat), new byte[0]);
    out.flush();
    for (StompFrame frame = decoder.read(); frame != null; frame = decoder.read()) {
      frames.add(frame);
      if (answerReceipts && frame.header("receipt") != null) {
        synchronized (this) {
          FrameEncoder.write(out, "RECEIPT", Map.of("receipt-id", frame.header("receipt")), new byte[0]);
          out.flush();
        }
      }
    }
  }
}
