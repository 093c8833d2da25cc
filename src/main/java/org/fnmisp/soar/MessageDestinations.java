package org.fnmisp.soar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.fnmisp.http.RetryPolicy;

/**
 * Who may read a message destination: the broker lets the API key (or user) fn-misp logs in as read
 * {@code actions.<org>.<destination>} only when the destination lists it in {@code api_keys} (or {@code users}).
 */
public final class MessageDestinations {

  /** What {@link #grantAccess} did. */
  public enum Grant {
    ADDED,
    ALREADY_GRANTED
  }

  /** SOAR answers 409 when someone else changed the destination in between; read it again, a few times. */
  private static final int CONFLICT_ATTEMPTS = 5;

  private final SoarClient soar;

  public MessageDestinations(SoarClient soar) {
    this.soar = soar;
  }

  /**
   * Adds the logged-in API key (or user) to the destination's readers: get it, add the principal, put it back,
   * again on HTTP 409.
   *
   * @throws SoarException when the destination does not exist, the principal lacks the permission to edit it, or
   *     SOAR's session did not name the principal
   */
  public Grant grantAccess(String programmaticName) throws SoarException {
    boolean apiKey = soar.credentials() instanceof ApiKey;
    String list = apiKey ? "api_keys" : "users";
    JsonNode principal = soar.principalId();
    if (!principal.isIntegralNumber() && !principal.isTextual()) {
      throw new SoarException(SoarException.Kind.GENERIC, "Cannot give the " + soar.principalDescription()
          + " access to the message destination " + programmaticName + ": SOAR's session names no "
          + (apiKey ? "api_key_handle" : "user_id") + "; add it by hand in Administrator Settings > Message "
          + "Destinations > " + programmaticName);
    }
    HttpUrl url = destinations().addPathSegment(Long.toString(idOf(programmaticName))).build();
    for (int attempt = 1; attempt <= CONFLICT_ATTEMPTS; attempt++) {
      SoarReply current = soar.send(new Request.Builder().url(url).get(), soar.requestPolicy());
      checkAllowed(current, programmaticName);
      ObjectNode destination = (ObjectNode) current.json();
      JsonNode readers = destination.path(list);
      ArrayNode updated = readers.isArray() ? (ArrayNode) readers : destination.putArray(list);
      for (JsonNode reader : updated) {
        if (reader.asText().equals(principal.asText())) {
          return Grant.ALREADY_GRANTED;
        }
      }
      updated.add(principal);
      SoarReply put = soar.send(new Request.Builder().url(url).put(Configurations.body(destination)),
          RetryPolicy.none());
      if (put.status() == 409) {
        continue;
      }
      checkAllowed(put, programmaticName);
      return Grant.ADDED;
    }
    throw new SoarException(SoarException.Kind.GENERIC,
        "SOAR kept answering HTTP 409 (conflict) to PUT " + url + " after "
            + CONFLICT_ATTEMPTS + " tries: the message destination " + programmaticName
            + " is being changed by someone else; run the command again");
  }

  private long idOf(String programmaticName) throws SoarException {
    SoarReply reply = soar.send(new Request.Builder().url(destinations().build()).get(), soar.requestPolicy());
    checkAllowed(reply, programmaticName);
    List<String> known = new ArrayList<>();
    for (JsonNode destination : reply.json().path("entities")) {
      String name = destination.path("programmatic_name").asText();
      if (name.equals(programmaticName) && destination.path("id").canConvertToLong()) {
        return destination.path("id").asLong();
      }
      known.add(name);
    }
    throw new SoarException(SoarException.Kind.GENERIC, "SOAR has no message destination " + programmaticName
        + " in the org '" + soar.org().name() + "' (it has " + (known.isEmpty() ? "none" : String.join(", ", known))
        + "); import it with: fn-misp customize");
  }

  private void checkAllowed(SoarReply reply, String programmaticName) throws SoarException {
    if (reply.status() == 403) {
      throw Permissions.missing(soar, reply, "change who reads the message destination " + programmaticName,
          "edit message destinations");
    }
    if (!reply.isSuccess()) {
      throw reply.failure("Cannot give the " + soar.principalDescription() + " access to the message destination "
          + programmaticName);
    }
  }

  private HttpUrl.Builder destinations() {
    return soar.orgUrl().newBuilder().addPathSegment("message_destinations");
  }
}
