package org.fnmisp.stomp;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.fnmisp.tls.TlsFailures;

/**
 * One STOMP session over one socket: TCP (+ TLS) connect, CONNECT/CONNECTED, then frame writes serialised by one
 * lock, each frame or batch of frames handed to the socket in one write (many worker threads send at once). The
 * socket read timeout is twice the negotiated heart-beat interval, so a silent broker surfaces as a read timeout on
 * the reader thread. Closing is idempotent and remembers the first reason.
 */
final class StompConnection {

  static final String TRUST_KEY = "[resilient] stomp_cafile";

  private final StompSettings settings;
  private final long epoch;
  private final Socket socket = new Socket();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile String closeReason;
  private OutputStream out;
  /** Frames are collected here under the write lock and written to the socket in one call. */
  private final FrameEncoder encoder = new FrameEncoder();
  private FrameDecoder in;
  private long receiveMillis;
  private long sendMillis;

  StompConnection(StompSettings settings, long epoch) {
    this.settings = settings;
    this.epoch = epoch;
  }

  long epoch() {
    return epoch;
  }

  /** Connects and logs in; on failure the socket is closed and the exception says what went wrong. */
  void open() throws StompException {
    long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(settings.host(), settings.port()), remainingMillis(deadline));
      socket.setSoTimeout(remainingMillis(deadline));
      Socket stream = settings.tls() ? startTls() : socket;
      out = stream.getOutputStream();
      in = new FrameDecoder(stream.getInputStream(), settings.maxBodyBytes());
      write("CONNECT", connectHeaders(), new byte[0]);
      StompFrame answer = in.read();
      if (answer == null) {
        throw new EOFException("the broker closed the connection before answering CONNECT");
      }
      if (answer.command().equals("ERROR")) {
        throw loginRejected(answer);
      }
      if (!answer.command().equals("CONNECTED")) {
        throw new StompProtocolException("the broker answered CONNECT with " + answer.command());
      }
      negotiateHeartBeats(answer.header("heart-beat"));
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, 2 * receiveMillis));
    } catch (StompException e) {
      close(e.getMessage());
      throw e;
    } catch (IOException e) {
      close(e.toString());
      if (closeReason != null && closeReason.startsWith("closed by the client")) {
        throw new StompException("connecting to " + settings.address() + " was cancelled: the client is closing", e);
      }
      throw describe(e);
    }
  }

  private Socket startTls() throws IOException {
    SSLSocket tls = (SSLSocket) settings.trust().sslContext().getSocketFactory()
        .createSocket(socket, settings.host(), settings.port(), true);
    if (settings.trust().isVerifying()) {
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
    }
    tls.startHandshake();
    return tls;
  }

  private Map<String, String> connectHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("accept-version", "1.2");
    headers.put("host", settings.host());
    headers.put("login", settings.login());
    headers.put("passcode", settings.passcode().reveal());
    headers.put("heart-beat", "0," + settings.heartBeatReceive().toMillis());
    return headers;
  }

  /**
   * STOMP 1.2: we receive every max(our wish, the server's send interval) when both are non-zero, and the server
   * wants a beat from us every {@code sy} ms when it asks for one.
   */
  private void negotiateHeartBeats(String serverHeartBeat) throws StompProtocolException {
    long serverSend = 0;
    long serverReceive = 0;
    if (serverHeartBeat != null) {
      int comma = serverHeartBeat.indexOf(',');
      try {
        serverSend = Long.parseLong(serverHeartBeat.substring(0, comma).trim());
        serverReceive = Long.parseLong(serverHeartBeat.substring(comma + 1).trim());
      } catch (RuntimeException e) {
        throw new StompProtocolException("bad heart-beat header '" + serverHeartBeat + "' in CONNECTED");
      }
    }
    long ours = settings.heartBeatReceive().toMillis();
    receiveMillis = ours > 0 && serverSend > 0 ? Math.max(ours, serverSend) : 0;
    sendMillis = serverReceive;
  }

  /** How often the broker expects a heart-beat from us; 0 = never. */
  long sendHeartBeatMillis() {
    return sendMillis;
  }

  /** How long of silence counts as dead; 0 = heart-beats are off. */
  Duration silenceLimit() {
    return Duration.ofMillis(2 * receiveMillis);
  }

  /** The next frame, or null at end of stream. Only the reader thread calls this. */
  StompFrame read() throws IOException {
    return in.read();
  }

  void write(String command, Map<String, String> headers, byte[] body) throws IOException {
    writeLock.lock();
    try {
      encoder.add(command, headers, body);
      encoder.writeTo(out);
      out.flush();
    } finally {
      writeLock.unlock();
    }
  }

  /** A frame to write: its headers go out in their order as they are, without the copy a {@link StompFrame} makes. */
  @SuppressWarnings("ArrayRecordComponent") // written once, never compared
  record Outgoing(String command, Map<String, String> headers, byte[] body) {}

  /** Writes the frames back to back and flushes once: one system call and, usually, one TCP segment. */
  void write(List<Outgoing> frames) throws IOException {
    writeLock.lock();
    try {
      for (Outgoing frame : frames) {
        encoder.add(frame.command(), frame.headers(), frame.body());
      }
      encoder.writeTo(out);
      out.flush();
    } finally {
      writeLock.unlock();
    }
  }

  void writeHeartBeat() throws IOException {
    writeLock.lock();
    try {
      FrameEncoder.writeHeartBeat(out);
      out.flush();
    } finally {
      writeLock.unlock();
    }
  }

  boolean isOpen() {
    return closed.getCount() > 0;
  }

  /** Waits up to {@code millis} for the connection to close; true when it is closed. */
  boolean awaitClosed(long millis) throws InterruptedException {
    return closed.await(millis, TimeUnit.MILLISECONDS);
  }

  String closeReason() {
    return closeReason;
  }

  /** Closes the socket (which also ends a pending connect or read); the first reason given is kept. */
  void close(String reason) {
    synchronized (closed) {
      if (closeReason == null) {
        closeReason = reason;
      }
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing a broken socket can fail; it is closed either way.
    }
    closed.countDown();
  }

  private StompException loginRejected(StompFrame error) {
    String message = hidePasscode(error.header("message"));
    if (message.contains("unable to connect to authentication service")) {
      // SOAR's broker is up but its login service is not yet: worth retrying (soar-protocol 1.6).
      return new StompException("STOMP broker " + settings.address() + " cannot check logins yet: " + message);
    }
    return new StompException("STOMP broker " + settings.address() + ": the broker rejected the login for "
        + settings.login() + ": " + message + " (check api_key_id/api_key_secret)", null,
        StompException.Kind.LOGIN_REJECTED);
  }

  private String hidePasscode(String text) {
    String passcode = settings.passcode().reveal();
    if (text == null) {
      return "(no message)";
    }
    return passcode.isEmpty() ? text : text.replace(passcode, "[hidden]");
  }

  private StompException describe(IOException e) {
    String where = "cannot connect to the STOMP broker at " + settings.address() + ": ";
    if (e instanceof SSLException ssl) {
      String trustKey = settings.trust().setting(TRUST_KEY);
      return new StompException(where + TlsFailures.explain(ssl, settings.host(), trustKey), e,
          StompException.Kind.TLS_REJECTED);
    }
    if (e instanceof UnknownHostException) {
      return new StompException(where + "unknown host " + settings.host(), e);
    }
    if (e instanceof ConnectException) {
      return new StompException(where + "connection refused", e);
    }
    if (e instanceof SocketTimeoutException) {
      return new StompException(where + "no answer within " + settings.connectTimeout().toMillis() + " ms", e);
    }
    if (e instanceof StompProtocolException || e instanceof EOFException) {
      return new StompException(where + e.getMessage(), e);
    }
    return new StompException(where + e, e);
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0) {
      throw new SocketTimeoutException("connect timeout");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }
}
