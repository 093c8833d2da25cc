package org.fnmisp.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.fnmisp.handler.FunctionException;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.misp.MispAuthException;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.MispException;
import org.fnmisp.misp.MispHttpException;
import org.fnmisp.misp.MispTransportException;
import org.fnmisp.verdict.Decision;
import org.fnmisp.verdict.MatchedAttribute;
import org.fnmisp.verdict.Scoring;
import org.fnmisp.verdict.Verdict;
import org.fnmisp.verdict.VerdictRules;
import org.fnmisp.verdict.Warninglist;

/**
 * {@code misp_enrich_artifact}: what MISP says about {@code misp_attribute_value}, as a verdict and the reason for
 * it. One {@code attributes/restSearch}, plus one {@code warninglists/checkValue} only when no matched attribute may
 * decide: never more than two MISP requests. When MISP does not answer in time (time-out, connection failure, 5xx or
 * 429 after the retries) the call still completes, with verdict {@code unknown} and {@code success} false, so a
 * playbook can branch on it.
 */
public final class EnrichArtifactFunction implements FunctionHandler {

  public static final String NAME = "misp_enrich_artifact";

  /** The largest {@code misp_enrich_limit}: more attributes than this would not fit in a SOAR note anyway. */
  static final int MAX_LIMIT = 10_000;

  private final MispClient misp;
  private final VerdictRules rules;
  private final int defaultLimit;

  public EnrichArtifactFunction(MispClient misp, VerdictRules rules, int defaultLimit) {
    this.misp = misp;
    this.rules = rules;
    this.defaultLimit = defaultLimit;
  }

  @Override
  public FunctionResult handle(FunctionInvocation invocation, StatusReporter status) throws Exception {
    InputReader inputs = new InputReader(invocation);
    String value = inputs.requiredText("misp_attribute_value").strip();
    String type = inputs.optionalText("misp_attribute_type").orElse(null);
    if (type != null) {
      type = AttributeTypes.checked("misp_attribute_type", type);
    }
    Integer requested = inputs.optionalPositive("misp_enrich_limit", MAX_LIMIT);
    int limit = requested != null ? requested : defaultLimit;

    status.info("Setting up connection to MISP");
    status.info("Enriching " + value);
    // One more than the limit tells whether more matched, without a count request.
    ArrayNode found;
    try {
      found = misp.attributesForEnrichment(value, type, limit + 1);
    } catch (MispException e) {
      return unanswered(value, e, status);
    }
    List<MatchedAttribute> attributes = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, found.size()); i++) {
      attributes.add(MatchedAttribute.from(found.get(i)));
    }
    List<Warninglist> listed = new ArrayList<>();
    if (Scoring.needsWarninglistCheck(attributes, rules)) {
      status.info("Checking MISP warninglists for " + value);
      try {
        for (JsonNode hit : misp.warninglistsHolding(value)) {
          listed.add(Warninglist.fromCheckValue(hit));
        }
      } catch (MispException e) {
        return unanswered(value, e, status);
      }
    }
    Decision decision = Scoring.decide(value, attributes, listed, rules);
    status.info("Verdict: " + decision.verdict().word());
    return FunctionResult.ok(EnrichmentContent.of(value, decision, attributes, found.size() > limit, listed));
  }

  /** Verdict unknown and success false when MISP did not answer; any other failure fails the function. */
  private static FunctionResult unanswered(String value, MispException e, StatusReporter status)
      throws FunctionException {
    if (!didNotAnswer(e)) {
      throw new FunctionException(e.getMessage(), e);
    }
    String reason = "MISP did not answer, so there is no verdict: " + e.getMessage();
    status.info(reason);
    Decision decision = new Decision(Verdict.UNKNOWN, reason);
    return FunctionResult.failed(reason, EnrichmentContent.of(value, decision, List.of(), false, List.of()));
  }

  /**
   * A time-out, a refused or dropped connection, or 5xx or 429 after the retries. Configuration and data problems (a
   * rejected key, TLS, an unknown host name, a refused request, an unreadable answer) are not: a playbook must not
   * take them for "MISP is busy".
   */
  private static boolean didNotAnswer(MispException e) {
    if (e instanceof MispTransportException) {
      return !(e.getCause() instanceof SSLException || e.getCause() instanceof UnknownHostException);
    }
    return e instanceof MispHttpException http && !(e instanceof MispAuthException)
        && (http.status() >= 500 || http.status() == 429);
  }
}
