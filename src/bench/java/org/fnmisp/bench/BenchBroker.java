package org.fnmisp.bench;

import java.nio.file.Path;
import org.fnmisp.broker.LocalBroker;

/**
 * The broker process of the benchmark: ActiveMQ with STOMP on 127.0.0.1:&lt;port&gt; and a persistent KahaDB store in
 * &lt;data dir&gt;, as in production. Prints {@code READY <port>} once it accepts connections and stops when its
 * standard input closes (the parent died) or on SIGTERM.
 */
public final class BenchBroker {

  private BenchBroker() {}

  public static void main(String[] args) throws Exception {
    LocalBroker broker = LocalBroker.start("127.0.0.1", Integer.parseInt(args[0]), Path.of(args[1]));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-stop"));
    System.out.println("READY " + broker.stompPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to close our stdin
    }
    System.exit(0);
  }
}
