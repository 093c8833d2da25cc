package org.fnmisp.cli;

import java.net.URI;
import org.fnmisp.FnMisp;
import org.fnmisp.server.ConfiguredSettings;
import org.fnmisp.stomp.StompSettings;
import picocli.CommandLine.Option;

/**
 * {@code --broker}, {@code --org-id} and {@code --destination}: a plain-STOMP broker on this machine and the queue
 * the calls go through, for {@code run --local} and {@code invoke --broker} alike, so the two always meet.
 */
public final class BrokerOptions {

  @Option(names = "--broker", paramLabel = "stomp://HOST:PORT",
      description = "A plain-STOMP broker: `run --local` takes its calls from it instead of starting one; `invoke` "
          + "sends the call through it to a running `fn-misp run --local` instead of running it here.")
  URI broker;

  @Option(names = "--org-id", paramLabel = "ID", defaultValue = "201",
      description = "With a local broker: the org id in the queue name actions.<ID>.<DESTINATION> "
          + "(default ${DEFAULT-VALUE}).")
  long orgId;

  @Option(names = "--destination", paramLabel = "NAME", defaultValue = FnMisp.MESSAGE_DESTINATION,
      description = "With a local broker: the message destination (default ${DEFAULT-VALUE}).")
  String destination;

  /** True when {@code --broker} was given. */
  public boolean given() {
    return broker != null;
  }

  /** The queue of the calls, {@code actions.<org id>.<destination>}. */
  public String queue() {
    return FnMisp.queue(orgId, destination);
  }

  /**
   * The broker of {@code --broker}.
   *
   * @throws ExitException with {@link ExitCodes#USAGE} when it is not {@code stomp://HOST:PORT}
   */
  public StompSettings stomp() {
    if (!"stomp".equals(broker.getScheme()) || broker.getHost() == null || broker.getPort() < 1) {
      throw new ExitException(ExitCodes.USAGE, "--broker " + broker + ": expected stomp://HOST:PORT");
    }
    return ConfiguredSettings.localStomp(broker.getHost(), broker.getPort());
  }
}
