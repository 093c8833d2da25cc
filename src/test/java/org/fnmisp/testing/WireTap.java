package org.fnmisp.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between a STOMP client and the broker's plain STOMP port that records every frame in both directions,
 * in the order it passed, and can drop the client's ACK frames, lose a RECEIPT together with the connection, or cut
 * every connection. It shows what really went
 * over the wire, which no client-side assertion can.
 */
public final class WireTap implements AutoCloseable {

  /**
   * One frame: who sent it, its command, its raw header block, and the whole frame as it went over the wire (bytes
   * as ISO-8859-1 characters, up to and including its NUL).
   */
  public record Frame(boolean fromClient, String command, String headers, String raw) {

    public boolean hasHeader(String name) {
      return headers.contains("\n" + name + ":");
    }
  }

  private final ServerSocket server;
  private final int brokerPort;
  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger acksToDrop = new AtomicInteger();
  private final AtomicInteger receiptsToLose = new AtomicInteger();

  public WireTap(int brokerPort) throws IOException {
    this.brokerPort = brokerPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "wiretap-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Frame> frames() {
    return new ArrayList<>(frames);
  }

  /** The client's next {@code count} ACK frames are swallowed instead of reaching the broker. */
  public void dropAcks(int count) {
    acksToDrop.set(count);
  }

  /**
   * The broker's next RECEIPT is swallowed and every connection cut at that moment: the broker has done what the
   * receipt confirms, and the client never learns it (a broker crash right after a COMMIT looks like this).
   */
  public void loseNextReceiptWithTheConnection() {
    receiptsToLose.set(1);
  }

  /** Closes every proxied connection, as a network failure would. */
  public void cutConnections() {
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  @Override
  public void close() {
    closeQuietly(server);
    cutConnections();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
        sockets.add(client);
        sockets.add(broker);
        pump(client, broker, true);
        pump(broker, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread thread = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        StringBuilder frame = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
          if (b == '\n' && frame.length() == 0) {
            out.write('\n'); // a heart-beat between frames
            out.flush();
            continue;
          }
          frame.append((char) b);
          if (b == 0) {
            String text = frame.toString();
            frame.setLength(0);
            if (forward(text, fromClient)) {
              out.write(text.getBytes(StandardCharsets.ISO_8859_1));
              out.flush();
            }
          }
        }
      } catch (IOException e) {
        // the other side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "wiretap-" + (fromClient ? "client" : "broker"));
    thread.setDaemon(true);
    thread.start();
  }

  private boolean forward(String text, boolean fromClient) {
    int end = text.indexOf('\n');
    String command = end < 0 ? text : text.substring(0, end);
    int blank = text.indexOf("\n\n");
    String headers = end < 0 || blank < 0 ? "" : text.substring(end, blank + 1);
    if (fromClient && command.equals("ACK") && acksToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      frames.add(new Frame(true, "ACK(dropped)", headers, text));
      return false;
    }
    if (!fromClient && command.equals("RECEIPT") && receiptsToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      frames.add(new Frame(false, "RECEIPT(lost)", headers, text));
      cutConnections();
      return false;
    }
    frames.add(new Frame(fromClient, command, headers, text));
    return true;
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
