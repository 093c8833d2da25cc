package org.fnmisp.soar;

/**
 * The SOAR org fn-misp works for, chosen by {@code [resilient] org}.
 *
 * @param id the numeric id used in REST paths and in the STOMP destinations {@code actions.<id>.<name>}
 * @param actionsFrameworkEnabled false means the org has no message destinations, so there is nothing to subscribe to
 */
public record SoarOrg(long id, String name, boolean actionsFrameworkEnabled) {}
