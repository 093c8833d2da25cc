package org.fnmisp.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fnmisp.FnMisp;
import org.fnmisp.Loggers;
import org.fnmisp.soar.SoarClient;
import org.fnmisp.soar.SoarException;
import org.fnmisp.soar.SoarOrg;
import org.slf4j.Logger;

/**
 * Finds the queues to listen on, as resilient-circuits does: each function's definition in SOAR names its message
 * destination, and its queue is {@code actions.<org id>.<destination>}. A function missing in SOAR is skipped with a
 * warning; the others still run.
 */
public final class SoarDiscovery {

  private static final Logger LOG = Loggers.SERVER;

  private SoarDiscovery() {}

  /** The queues of the functions SOAR knows, or a SoarException when there is nothing to listen on. */
  public static List<String> queues(SoarClient soar, Collection<String> functionNames) throws SoarException {
    SoarOrg org = soar.org();
    if (!org.actionsFrameworkEnabled()) {
      throw new SoarException(SoarException.Kind.GENERIC, "The actions framework is disabled for the SOAR org '"
          + org.name() + "' (actions_framework_enabled is false), so it cannot run functions");
    }
    Set<String> queues = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    for (String function : functionNames) {
      Optional<String> destination = soar.functionDestination(function);
      if (destination.isPresent()) {
        queues.add(FnMisp.queue(org.id(), destination.get()));
      } else {
        missing.add(function);
        LOG.warn("The function {} is not defined in the SOAR org '{}'; fn-misp does not take its calls. Run "
            + "`fn-misp customize` to import it", function, org.name());
      }
    }
    if (queues.isEmpty()) {
      throw new SoarException(SoarException.Kind.GENERIC, "None of the functions " + missing
          + " is defined in the SOAR org '" + org.name() + "'; run `fn-misp customize` to import them");
    }
    return List.copyOf(queues);
  }
}
