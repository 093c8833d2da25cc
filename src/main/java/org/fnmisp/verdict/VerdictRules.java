package org.fnmisp.verdict;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's scoring settings ({@code [fn_misp] verdict_*}).
 *
 * @param malicious tags that make an attribute malicious
 * @param suspicious tags that make it suspicious
 * @param benign tags that make it benign (they win over the other two at the same level)
 * @param warninglistBenign true: a warninglist hit makes the value benign; false: hits are only listed
 * @param decayThreshold a malicious attribute whose best decay score is below this counts as suspicious; null to use
 *     MISP's own {@code decayed} flag
 * @param trustedOrgs organisations (name or uuid, any case) whose attributes alone decide when any matched
 * @param ignoredOrgs organisations whose attributes never decide
 */
public record VerdictRules(List<TagPattern> malicious, List<TagPattern> suspicious, List<TagPattern> benign,
    boolean warninglistBenign, Double decayThreshold, Set<String> trustedOrgs, Set<String> ignoredOrgs) {

  public VerdictRules {
    malicious = List.copyOf(malicious);
    suspicious = List.copyOf(suspicious);
    benign = List.copyOf(benign);
    trustedOrgs = lowerCase(trustedOrgs);
    ignoredOrgs = lowerCase(ignoredOrgs);
  }

  /** Rules from the configured texts, as {@code [fn_misp]} holds them. */
  public static VerdictRules of(List<String> malicious, List<String> suspicious, List<String> benign,
      boolean warninglistBenign, Double decayThreshold, List<String> trustedOrgs, List<String> ignoredOrgs) {
    return new VerdictRules(patterns(malicious), patterns(suspicious), patterns(benign), warninglistBenign,
        decayThreshold, Set.copyOf(trustedOrgs), Set.copyOf(ignoredOrgs));
  }

  boolean isTrusted(MispEvent event) {
    return matchesOrg(trustedOrgs, event);
  }

  boolean isIgnored(MispEvent event) {
    return matchesOrg(ignoredOrgs, event);
  }

  private static boolean matchesOrg(Set<String> orgs, MispEvent event) {
    return !orgs.isEmpty() && (orgs.contains(event.org().toLowerCase(Locale.ROOT))
        || orgs.contains(event.orgUuid().toLowerCase(Locale.ROOT)));
  }

  private static List<TagPattern> patterns(List<String> texts) {
    return texts.stream().map(TagPattern::of).toList();
  }

  private static Set<String> lowerCase(Set<String> names) {
    return names.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
