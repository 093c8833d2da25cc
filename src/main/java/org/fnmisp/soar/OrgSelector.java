package org.fnmisp.soar;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the org named by {@code [resilient] org} from the session's {@code orgs[]}: an exact match on
 * {@code cloud_account} first, then {@code uuid}, then {@code name}. The org must be enabled.
 */
final class OrgSelector {

  private static final List<String> MATCHED_FIELDS = List.of("cloud_account", "uuid", "name");

  private OrgSelector() {}

  static JsonNode select(JsonNode session, String wanted, SoarCredentials credentials) throws SoarException {
    JsonNode orgs = session.path("orgs");
    JsonNode org = find(orgs, wanted).orElseThrow(() -> new SoarException(SoarException.Kind.ORG,
        "[resilient] org = " + wanted + ": not an org of the " + credentials.description() + " on SOAR; "
            + available(orgs)));
    if (!org.path("enabled").asBoolean(false)) {
      throw new SoarException(SoarException.Kind.ORG, "[resilient] org = " + wanted + ": the org '"
          + org.path("name").asText() + "' is disabled for the " + credentials.description()
          + " (SOAR may restrict it by IP address or authentication provider)");
    }
    if (!org.path("id").canConvertToLong()) {
      throw new SoarException(SoarException.Kind.GENERIC, "SOAR's session lists the org '" + org.path("name").asText()
          + "' without a numeric id: " + org.path("id"));
    }
    return org;
  }

  private static Optional<JsonNode> find(JsonNode orgs, String wanted) {
    for (String field : MATCHED_FIELDS) {
      for (JsonNode org : orgs) {
        if (org.path(field).isTextual() && org.path(field).asText().equals(wanted)) {
          return Optional.of(org);
        }
      }
    }
    return Optional.empty();
  }

  private static String available(JsonNode orgs) {
    List<String> names = new ArrayList<>();
    for (JsonNode org : orgs) {
      names.add("'" + org.path("name").asText() + "' (cloud_account " + org.path("cloud_account").asText("-")
          + ", uuid " + org.path("uuid").asText("-") + (org.path("enabled").asBoolean(false) ? "" : ", disabled")
          + ")");
    }
    return names.isEmpty() ? "it is a member of no org" : "available: " + String.join(", ", names);
  }
}
