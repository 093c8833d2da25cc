package org.fnmisp.soar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.fnmisp.json.Json;

/**
 * The org's configuration as a whole: {@code POST configurations/exports} writes it as an {@link OrgExport};
 * {@code POST configurations/imports} checks an export and holds it as a {@link PendingImport}, which
 * {@code PUT configurations/imports/{id}} then accepts or rejects.
 */
public final class Configurations {

  static final MediaType JSON = MediaType.get("application/json");
  private static final String STATUS_PENDING = "PENDING";

  private final SoarClient soar;

  public Configurations(SoarClient soar) {
    this.soar = soar;
  }

  /**
   * Hands the export to SOAR, which checks it and keeps it pending.
   *
   * @throws SoarException when SOAR refuses the export (its message is in the exception) or the principal lacks the
   *     permission to import
   */
  public PendingImport submit(OrgExport export) throws SoarException {
    HttpUrl url = imports().build();
    SoarReply reply = soar.send(new Request.Builder().url(url).post(body(export.json())), soar.requestPolicy());
    if (reply.status() == 403) {
      throw Permissions.missing(soar, reply, "import customizations into the org",
          "edit functions, message destinations, fields, scripts and playbooks");
    }
    if (!reply.isSuccess()) {
      throw reply.failure("SOAR refused the import");
    }
    JsonNode answer = reply.json();
    List<PendingImport.Message> messages = new ArrayList<>();
    answer.path("messages").forEach(message -> messages.add(
        new PendingImport.Message(message.path("type").asText("info"), message.path("text").asText())));
    String status = answer.path("status").asText("");
    if (!STATUS_PENDING.equals(status)) {
      throw new SoarException(SoarException.Kind.GENERIC,
          "SOAR refused the import (status " + (status.isEmpty() ? "missing"
              : status) + " instead of " + STATUS_PENDING + ")"
              + (messages.isEmpty() ? ""
                  : ": " + messages.stream().map(PendingImport.Message::toString).collect(Collectors.joining("; "))));
    }
    if (!answer.path("id").canConvertToLong()) {
      throw new SoarException(SoarException.Kind.GENERIC, "SOAR's answer to POST " + url + " has no import id: "
          + answer.path("id"));
    }
    return new PendingImport(answer.path("id").asLong(), messages, (ObjectNode) answer);
  }

  /** Tells SOAR to carry out the pending import. */
  public void accept(PendingImport pending) throws SoarException {
    decide(pending, "ACCEPTED");
  }

  /** Tells SOAR to drop the pending import; nothing of it is applied. */
  public void reject(PendingImport pending) throws SoarException {
    decide(pending, "REJECTED");
  }

  /**
   * The org's configuration, as the administrator's Export button writes it; with playbooks when asked (SOAR 44 and
   * newer have them).
   */
  public OrgExport export(boolean withPlaybooks) throws SoarException {
    HttpUrl url = soar.orgUrl().newBuilder().addPathSegment("configurations").addPathSegment("exports").build();
    ObjectNode options = Json.object().put("layouts", true).put("actions", true).put("phases_and_tasks", true);
    if (withPlaybooks) {
      options.put("playbooks", true);
    }
    SoarReply reply = soar.send(new Request.Builder().url(url).post(body(options)), soar.requestPolicy());
    if (reply.status() == 403) {
      throw Permissions.missing(soar, reply, "export the org's configuration",
          "read functions, message destinations, workflows and playbooks");
    }
    if (!reply.isSuccess()) {
      throw reply.failure("SOAR did not export the org's configuration");
    }
    return OrgExport.of(reply.json());
  }

  private void decide(PendingImport pending, String status) throws SoarException {
    HttpUrl url = imports().addPathSegment(Long.toString(pending.id())).build();
    ObjectNode decision = pending.answer().deepCopy().put("status", status);
    SoarReply reply = soar.send(new Request.Builder().url(url).put(body(decision)), soar.requestPolicy());
    if (reply.status() == 403) {
      throw Permissions.missing(soar, reply, "import customizations into the org",
          "edit functions, message destinations, fields, scripts and playbooks");
    }
    if (!reply.isSuccess()) {
      throw reply.failure("SOAR did not take the import " + pending.id() + " as " + status);
    }
  }

  private HttpUrl.Builder imports() {
    return soar.orgUrl().newBuilder().addPathSegment("configurations").addPathSegment("imports");
  }

  static RequestBody body(JsonNode json) {
    return RequestBody.create(Json.writeBytes(json), JSON);
  }
}
