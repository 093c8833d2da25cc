package org.fnmisp.functions;

import org.fnmisp.config.FnMispKeys;
import org.fnmisp.verdict.VerdictRules;

/**
 * What the functions take from {@code [fn_misp]} besides the MISP connection.
 *
 * @param searchLimit most events {@code misp_search_attribute} returns per call; null for all
 * @param enrichLimit most attributes {@code misp_enrich_artifact} reads when the call does not say
 * @param rules how {@code misp_enrich_artifact} scores
 */
public record FunctionSettings(Integer searchLimit, int enrichLimit, VerdictRules rules) {

  /** The catalogue's defaults, as an app.config without these keys gives. */
  public static FunctionSettings defaults() {
    return new FunctionSettings(FnMispKeys.SEARCH_LIMIT.defaultValue(), FnMispKeys.ENRICH_LIMIT.defaultValue(),
        VerdictRules.of(FnMispKeys.VERDICT_MALICIOUS_TAGS.defaultValue(),
            FnMispKeys.VERDICT_SUSPICIOUS_TAGS.defaultValue(), FnMispKeys.VERDICT_BENIGN_TAGS.defaultValue(),
            FnMispKeys.VERDICT_WARNINGLIST.defaultValue().equals("benign"),
            FnMispKeys.VERDICT_DECAY_THRESHOLD.defaultValue(), java.util.List.of(), java.util.List.of()));
  }
}
