package org.fnmisp.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fnmisp.Loggers;
import org.fnmisp.http.Idempotency;
import org.fnmisp.json.Json;
import org.slf4j.Logger;

/**
 * The MISP REST API as fn-misp uses it: one method per operation, each sending exactly the request PyMISP 2.4.179
 * sends (paths, bodies, integer codes as strings) with {@code Authorization: <key>},
 * {@code Accept: application/json} and {@code Content-Type: application/json}.
 *
 * <p>Thread-safe: one instance, built once from {@link MispSettings}, serves every worker thread over one pooled HTTP
 * client. No per-call version, user or describeTypes requests are made. Every method either returns MISP's parsed
 * reply (restSearch's {@code response} wrapper removed) or throws a {@link MispException} with a user-facing message:
 * {@link MispAuthException} for a rejected key, {@link MispHttpException} for other non-2xx answers,
 * {@link MispTransportException} when MISP cannot be reached, {@link MispReplyException} for unreadable replies.
 */
public final class MispClient implements AutoCloseable {

  private static final Logger LOG = Loggers.MISP;

  private static final String EVENTS_ADD = "events/add";
  private static final String EVENTS_VIEW = "events/view";
  private static final String EVENTS_SEARCH = "events/restSearch";
  private static final String ATTRIBUTES_ADD = "attributes/add";
  private static final String ATTRIBUTES_VIEW = "attributes/view";
  private static final String SIGHTINGS_ADD = "sightings/add";
  private static final String SIGHTINGS_LIST = "sightings/listSightings";
  private static final String TAGS_ATTACH = "tags/attachTagToObject";
  private static final String SERVER_VERSION = "servers/getVersion";
  private static final String ATTRIBUTES_SEARCH = "attributes/restSearch";
  private static final String WARNINGLISTS_CHECK = "warninglists/checkValue";

  private final MispTransport transport;

  public MispClient(MispSettings settings) {
    this.transport = new MispTransport(settings);
    // verify_cert means nothing for an http:// URL, so only https:// warns about it.
    if (settings.url().isHttps() && !settings.trust().isVerifying()) {
      LOG.warn("TLS certificate verification for MISP at {} is disabled ([fn_misp] verify_cert = false)",
          settings.url().host());
    }
    LOG.info("MISP client for {} ({}, timeout {} s, {} retries)", settings.displayUrl(),
        settings.url().isHttps() ? "TLS: " + settings.trust() : "plain HTTP", settings.timeout().toSeconds(),
        settings.maxRetries());
  }

  /**
   * {@code POST events/add} with a fresh client uuid, so a retried create cannot make a second event: if MISP already
   * has that uuid (the first attempt got through but its reply was lost), the existing event is returned.
   */
  public JsonNode createEvent(NewEvent event) throws MispException {
    UUID uuid = UUID.randomUUID();
    String action = "create the MISP event";
    try {
      return transport.post(EVENTS_ADD, event.toJson(uuid.toString()), action);
    } catch (MispHttpException e) {
      if (e.status() == 404 && e.body().path("message").asText("").contains("already exists")) {
        return transport.get(EVENTS_VIEW, MispId.of(uuid), action);
      }
      throw e;
    }
  }

  /**
   * {@code POST attributes/add/<event uuid>} with a fresh client uuid; MISP picks category and to_ids by type. When a
   * resent add is refused as a duplicate and the attribute with our uuid exists (the first attempt got through but its
   * reply was lost), that attribute is returned; a duplicate of someone else's attribute stays a refusal. An
   * {@code eventUuid} (as MISP gave it) that is neither a uuid nor an id is refused without a request.
   */
  public JsonNode addAttribute(String eventUuid, String type, String value) throws MispException {
    String action = "add the attribute to the MISP event";
    MispId event = MispId.parse(eventUuid).orElseThrow(() -> transport.failures().reply(action,
        "gave the event uuid \"" + shortened(eventUuid) + "\", which is neither a uuid nor an id; it is not put into"
            + " a URL",
        null));
    UUID uuid = UUID.randomUUID();
    ObjectNode body = Json.object();
    body.put("uuid", uuid.toString());
    body.put("type", type);
    body.put("value", value);
    try {
      return transport.post(ATTRIBUTES_ADD, event, body, action);
    } catch (MispHttpException e) {
      if (e.afterRetry() && e.status() == 403 && e.body().path("errors").toString().contains("already exists")) {
        return ownAttribute(uuid, action).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  /**
   * {@code POST sightings/add} by value: MISP records it on every attribute with that value. A value no attribute has
   * is answered with HTTP 200 {@code {"message": "Could not add the Sighting. ..."}}, returned as is.
   */
  public JsonNode addSighting(String value, String source) throws MispException {
    ObjectNode body = Json.object();
    body.put("value", value);
    body.put("source", source);
    // No client uuid: a second delivery would record a second sighting, so resend only what MISP cannot have seen.
    return transport.post(SIGHTINGS_ADD, body, "add the MISP sighting", Idempotency.NOT_IDEMPOTENT);
  }

  /** {@code POST events/restSearch} by value: every event holding the value, each a complete {@code {"Event"}}. */
  public EventList searchEvents(String value) throws MispException {
    return searchEvents(value, SearchFilters.NONE);
  }

  /** {@code POST events/restSearch} by value, narrowed and bounded by {@code filters}. */
  public EventList searchEvents(String value, SearchFilters filters) throws MispException {
    ObjectNode body = searchBody();
    body.put("value", value);
    filters.addFilters(body);
    addSearchFlags(body);
    filters.addBounds(body);
    return transport.postForEvents(EVENTS_SEARCH, body, "search MISP for the attribute value");
  }

  /**
   * {@code POST attributes/restSearch} by value (and type, when given), newest first, at most {@code limit}: each
   * attribute with its event (date, threat level, creator, tags), its own and its event's tags, sightings, decay
   * scores and warninglist hits.
   */
  public ArrayNode attributesForEnrichment(String value, String type, int limit) throws MispException {
    ObjectNode body = searchBody();
    body.put("value", value);
    if (type != null) {
      body.put("type", type);
    }
    for (String flag : new String[] {"includeContext", "includeEventTags", "includeSightings", "includeDecayScore",
        "includeWarninglistHits"}) {
      body.put(flag, 1);
    }
    body.put("order", "Attribute.timestamp DESC");
    body.put("limit", limit);
    String action = "search MISP attributes for the value";
    JsonNode reply = transport.post(ATTRIBUTES_SEARCH, body, action);
    JsonNode attributes = reply.path("Attribute");
    if (attributes instanceof ArrayNode list) {
      return list;
    }
    throw transport.failures().reply(action, "answered without a list of attributes: "
        + MispFailures.reason(reply), null);
  }

  /**
   * {@code POST warninglists/checkValue} with {@code [value]}: the enabled warninglists holding the value, each
   * {@code {"id", "name"}}; empty when none does (MISP then answers {@code []}).
   */
  public ArrayNode warninglistsHolding(String value) throws MispException {
    JsonNode reply = transport.post(WARNINGLISTS_CHECK, Json.array().add(value), "check the MISP warninglists");
    JsonNode hits = reply.path(value);
    return hits instanceof ArrayNode list ? list : Json.array();
  }

  /** {@code POST events/restSearch} by id: the event as a one-element list, or an empty list. */
  private ArrayNode findEvents(long eventId) throws MispException {
    String action = "look up MISP event " + eventId;
    ObjectNode body = searchBody();
    body.put("eventid", eventId);
    addSearchFlags(body);
    return events(transport.post(EVENTS_SEARCH, body, action), action);
  }

  /** The uuid of event {@code eventId} (the last match, as fn_misp takes it); empty when MISP has no such event. */
  public Optional<String> eventUuid(long eventId) throws MispException {
    ArrayNode events = findEvents(eventId);
    if (events.isEmpty()) {
      return Optional.empty();
    }
    JsonNode uuid = events.get(events.size() - 1).path("Event").path("uuid");
    if (!uuid.isTextual() || uuid.asText().isBlank()) {
      throw transport.failures().reply("look up MISP event " + eventId, "answered with an event without a uuid", null);
    }
    return Optional.of(uuid.asText());
  }

  /** {@code GET events/view/<id>}: the complete event with its attributes. */
  public JsonNode getEvent(long eventId) throws MispException {
    return transport.get(EVENTS_VIEW, MispId.of(eventId), "read MISP event " + eventId);
  }

  /** {@code POST sightings/listSightings} for an event: {@code [{"Sighting": ..., "Organisation": ...}]}. */
  public JsonNode listSightings(long eventId) throws MispException {
    ObjectNode body = Json.object();
    body.put("context", "event");
    body.put("id", eventId);
    return transport.post(SIGHTINGS_LIST, body, "list the sightings of MISP event " + eventId);
  }

  /** {@code POST tags/attachTagToObject}: attaches a global tag to the event or attribute with that uuid. */
  public JsonNode attachTag(String uuid, String tag) throws MispException {
    ObjectNode body = Json.object();
    body.put("uuid", uuid);
    body.put("tag", tag);
    body.put("local", false);
    return transport.post(TAGS_ATTACH, body, "attach the MISP tag \"" + tag + "\"");
  }

  /** {@code GET servers/getVersion}: cheap, allowed for every API user, so it checks reachability and the key. */
  public JsonNode serverVersion() throws MispException {
    return transport.get(SERVER_VERSION, "read the MISP server version");
  }

  /**
   * Tells a refusal about an object from a {@code misp_url} that does not lead to MISP: when the refusal may say the
   * path does not exist (MISP's generic "Not Found", a 404/405 with HTML, an empty body or another server's), checks
   * {@code servers/getVersion} once; if that fails too, throws the failure naming {@code misp_url}, both URLs and what
   * answered. Otherwise returns, and the refusal stands (fn_misp returned it as data).
   */
  public void confirmRefusal(MispHttpException refusal) throws MispException {
    if (!MispFailures.mayBeUnknownPath(refusal)) {
      return;
    }
    try {
      serverVersion();
    } catch (MispAuthException rejected) {
      return; // MISP is there and the key is the problem: the refusal stands, the next call reports the key
    } catch (MispException versionFailure) {
      LOG.debug("{} was refused ({}) and servers/getVersion failed too", refusal.request(), refusal.status());
      throw transport.failures().wrongUrl(refusal, versionFailure);
    }
  }

  /** Releases the HTTP connection pool and threads. */
  @Override
  public void close() {
    transport.close();
  }

  /** {@code GET attributes/view/<uuid>}: the attribute we created, or empty when MISP has none with that uuid. */
  private Optional<JsonNode> ownAttribute(UUID uuid, String action) throws MispException {
    try {
      return Optional.of(transport.get(ATTRIBUTES_VIEW, MispId.of(uuid), action));
    } catch (MispHttpException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String shortened(String text) {
    return text == null || text.length() <= 100 ? String.valueOf(text) : text.substring(0, 100) + "...";
  }

  private static ObjectNode searchBody() {
    ObjectNode body = Json.object();
    body.put("returnFormat", "json");
    return body;
  }

  /** PyMISP's search flags, all off, after the filter (key order as PyMISP sends them). */
  private static void addSearchFlags(ObjectNode body) {
    for (String flag : new String[] {"withAttachments", "metadata", "enforceWarninglist", "includeEventUuid",
        "includeEventTags", "sgReferenceOnly", "includeContext", "headerless", "includeSightings",
        "includeDecayScore", "includeCorrelations", "excludeDecayed"}) {
      body.put(flag, 0);
    }
  }

  private ArrayNode events(JsonNode reply, String action) throws MispReplyException {
    if (reply instanceof ArrayNode list) {
      return list;
    }
    throw transport.failures().notAList(action, reply.getNodeType().name().toLowerCase(Locale.ROOT));
  }
}
