package org.fnmisp.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.fnmisp.handler.FunctionException;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.json.Json;
import org.fnmisp.misp.EventList;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.SearchFilters;

/**
 * {@code misp_search_attribute}: finds every MISP event holding the value {@code misp_attribute_value}. Content: the
 * list of complete {@code {"Event": {...}}}; {@code success} = the list is not empty. A top-level {@code tags} lists
 * the tag names of the matched events and of their attributes, once each, in first-seen order (3.0.1 workflows and
 * ATT&CK recipes read {@code results.tags}).
 *
 * <p>Optional inputs narrow the search ({@code misp_attribute_type}, {@code misp_category}, {@code misp_tags},
 * {@code misp_published_since}, {@code misp_to_ids}) and bound it ({@code misp_search_limit}, {@code misp_search_page},
 * capped by {@code [fn_misp] search_limit}); when a bound applies, a top-level {@code truncated} says whether the page
 * is full. Without them the request and the result are exactly fn_misp's.
 */
public final class SearchAttributeFunction implements FunctionHandler {

  public static final String NAME = "misp_search_attribute";

  /** MISP's {@code last}: a number and d, h, m or s (a bare number would be a Unix time, not a duration). */
  private static final Pattern DURATION = Pattern.compile("\\d+[dhms]", Pattern.CASE_INSENSITIVE);

  /** The 16 categories of MISP's describeTypes. */
  private static final List<String> CATEGORIES = List.of("Internal reference", "Targeting data",
      "Antivirus detection", "Payload delivery", "Artifacts dropped", "Payload installation", "Persistence mechanism",
      "Network activity", "Payload type", "Attribution", "External analysis", "Financial fraud", "Support Tool",
      "Social network", "Person", "Other");

  private static final int MAX = 1_000_000;

  private final MispClient misp;
  private final Integer configuredLimit;

  /** {@code configuredLimit}: {@code [fn_misp] search_limit}, the most events per call for every caller; null for all. */
  public SearchAttributeFunction(MispClient misp, Integer configuredLimit) {
    this.misp = misp;
    this.configuredLimit = configuredLimit;
  }

  @Override
  public FunctionResult handle(FunctionInvocation invocation, StatusReporter status) throws Exception {
    InputReader inputs = new InputReader(invocation);
    String value = inputs.requiredText("misp_attribute_value");
    SearchFilters filters = filters(inputs);

    status.info("Setting up connection to MISP");
    status.info("Searching for attribute - " + InputReader.shown(value));
    EventList events = MispCalls.call(() -> misp.searchEvents(value, filters));
    status.info("Attribute search complete.");
    ArrayNode tags = Json.array();
    events.tagNames().forEach(tags::add);
    FunctionResult result = FunctionResult.of(!events.isEmpty(), events.json()).withExtra("tags", tags);
    if (filters.limit() != null) {
      // MISP gives no reliable total with a limit (MISP#9422): a full page means more may match on the next.
      result = result.withExtra("truncated", BooleanNode.valueOf(events.size() >= filters.limit()));
    }
    return result;
  }

  private SearchFilters filters(InputReader inputs) throws FunctionException {
    String type = inputs.optionalText("misp_attribute_type").orElse(null);
    if (type != null) {
      type = AttributeTypes.checked("misp_attribute_type", type);
    }
    String category = inputs.optionalText("misp_category").orElse(null);
    if (category != null) {
      category = category(category);
    }
    List<String> tags = inputs.optionalList("misp_tags");
    String last = inputs.optionalText("misp_published_since").map(String::strip).orElse(null);
    if (last != null && !DURATION.matcher(last).matches()) {
      throw new FunctionException("misp_published_since must be a number and d, h, m or s (e.g. 30d, 12h), got \""
          + last + "\"");
    }
    Boolean toIds = inputs.optionalBoolean("misp_to_ids");
    Integer limit = inputs.optionalPositive("misp_search_limit", MAX);
    if (configuredLimit != null && (limit == null || limit > configuredLimit)) {
      limit = configuredLimit;
    }
    Integer page = inputs.optionalPositive("misp_search_page", MAX);
    if (page != null && limit == null) {
      throw new FunctionException("misp_search_page needs misp_search_limit (or [fn_misp] search_limit), got page "
          + page + " without a limit");
    }
    return new SearchFilters(type, category, tags, last, toIds, limit, page);
  }

  private static String category(String requested) throws FunctionException {
    String lower = requested.strip().toLowerCase(Locale.ROOT);
    return CATEGORIES.stream().filter(category -> category.toLowerCase(Locale.ROOT).equals(lower)).findFirst()
        .orElseThrow(() -> new FunctionException("misp_category \"" + requested + "\" is not a MISP category (one of "
            + String.join(", ", CATEGORIES) + ")"));
  }
}
