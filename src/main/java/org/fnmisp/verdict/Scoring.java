package org.fnmisp.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict rules, each a pure function (doc/functions.md, "How the verdict is made"). {@link #decide} applies them
 * in order: organisations, warninglists, false-positive sightings, then per attribute its own tags, its event's
 * tags, detection flag and threat level, and decay; the most severe attribute verdict wins.
 */
public final class Scoring {

  private Scoring() {}

  /**
   * The verdict on {@code value}.
   *
   * @param attributes what MISP matched, newest first
   * @param checkedWarninglists the hits of {@code warninglists/checkValue}, asked only when nothing matched
   */
  public static Decision decide(String value, List<MatchedAttribute> attributes,
      List<Warninglist> checkedWarninglists, VerdictRules rules) {
    List<MatchedAttribute> deciding = deciding(attributes, rules);
    Optional<Warninglist> listed = warninglistHit(deciding, checkedWarninglists);
    if (listed.isPresent() && rules.warninglistBenign()) {
      Warninglist list = listed.get();
      return new Decision(Verdict.BENIGN, value + " is on the MISP warninglist \"" + list.name() + "\" (id "
          + list.id() + ").");
    }
    if (deciding.isEmpty()) {
      return nothingDecides(value, attributes, listed);
    }
    Sightings sightings = totalSightings(deciding);
    if (falsePositivesOutnumber(sightings)) {
      return new Decision(Verdict.BENIGN, value + " has " + count(sightings.falsePositives(), "false-positive sighting")
          + " against " + count(sightings.sightings(), "sighting") + " in MISP.");
    }
    Decision worst = null;
    for (MatchedAttribute attribute : deciding) {
      Decision decision = attributeDecision(attribute, rules);
      if (worst == null || decision.verdict().outranks(worst.verdict())) {
        worst = decision;
      }
    }
    return worst;
  }

  /** True when no matched attribute may decide: only then is the value itself checked against the warninglists. */
  public static boolean needsWarninglistCheck(List<MatchedAttribute> attributes, VerdictRules rules) {
    return deciding(attributes, rules).isEmpty();
  }

  /**
   * The attributes that may decide: none of an ignored organisation; when a trusted organisation has any, only its.
   */
  static List<MatchedAttribute> deciding(List<MatchedAttribute> attributes, VerdictRules rules) {
    List<MatchedAttribute> kept = attributes.stream().filter(a -> !rules.isIgnored(a.event())).toList();
    List<MatchedAttribute> trusted = kept.stream().filter(a -> rules.isTrusted(a.event())).toList();
    return trusted.isEmpty() ? kept : trusted;
  }

  /** The first warninglist hit of a deciding attribute, else of the value itself ({@code checkValue}). */
  static Optional<Warninglist> warninglistHit(List<MatchedAttribute> deciding, List<Warninglist> checked) {
    return deciding.stream().flatMap(a -> a.warninglists().stream()).findFirst()
        .or(() -> checked.stream().findFirst());
  }

  static Sightings totalSightings(List<MatchedAttribute> attributes) {
    return attributes.stream().map(MatchedAttribute::sightings).reduce(Sightings.NONE, Sightings::plus);
  }

  /** Sightings are reported by value, on every attribute holding it, so they are summed over all of them. */
  static boolean falsePositivesOutnumber(Sightings sightings) {
    return sightings.falsePositives() > sightings.sightings();
  }

  /**
   * The verdict of one attribute: its own tags, else its event's tags, else its detection flag and the event's threat
   * level, else unknown; a malicious verdict is lowered to suspicious when the attribute has decayed.
   */
  static Decision attributeDecision(MatchedAttribute attribute, VerdictRules rules) {
    Decision decision = tagVerdict(attribute.tags(), rules)
        .map(tag -> new Decision(tag.verdict(), capitalise(attribute.describe()) + " has the tag " + tag.tag() + "."))
        .or(() -> tagVerdict(attribute.event().tags(), rules).map(tag -> new Decision(tag.verdict(),
            capitalise(attribute.event().describe()) + ", which holds attribute " + attribute.id() + " ("
                + attribute.type() + "), has the tag " + tag.tag() + ".")))
        .orElseGet(() -> fallback(attribute));
    Optional<DecayScore> decayed = decayed(attribute.decayScores(), rules.decayThreshold());
    if (decision.verdict() == Verdict.MALICIOUS && decayed.isPresent()) {
      DecayScore score = decayed.get();
      return new Decision(Verdict.SUSPICIOUS, withoutStop(decision.reason()) + ", but it has decayed (score "
          + String.format(Locale.ROOT, "%.1f", score.score()) + " in the decaying model \"" + score.model()
          + "\"), so it counts as suspicious.");
    }
    return decision;
  }

  /** A tag that decided, and how. */
  record TagVerdict(Verdict verdict, String tag) {}

  /**
   * The verdict the tags give: benign, else malicious, else suspicious, each the first tag in order that matches.
   * TLP and PAP tags never decide.
   */
  static Optional<TagVerdict> tagVerdict(List<String> tags, VerdictRules rules) {
    List<String> deciding = tags.stream().filter(tag -> !TagPattern.isHandlingMarking(tag)).toList();
    return firstMatch(deciding, rules.benign(), Verdict.BENIGN)
        .or(() -> firstMatch(deciding, rules.malicious(), Verdict.MALICIOUS))
        .or(() -> firstMatch(deciding, rules.suspicious(), Verdict.SUSPICIOUS));
  }

  /**
   * Without a deciding tag: marked for detection in a High threat event is malicious; marked for detection, or in a
   * High or Medium threat event, is suspicious; anything else is unknown.
   */
  static Decision fallback(MatchedAttribute attribute) {
    String what = capitalise(attribute.describe());
    int level = attribute.event().threatLevel();
    String threat = "threat level " + attribute.event().threatLevelName();
    if (attribute.toIds() && level == 1) {
      return new Decision(Verdict.MALICIOUS, what + " is marked for detection (to_ids) in an event of " + threat
          + ".");
    }
    if (attribute.toIds()) {
      return new Decision(Verdict.SUSPICIOUS, what + " is marked for detection (to_ids)" + (level == 0 ? "."
          : " in an event of " + threat + "."));
    }
    if (level == 1 || level == 2) {
      return new Decision(Verdict.SUSPICIOUS, what + " is in an event of " + threat + ".");
    }
    return new Decision(Verdict.UNKNOWN, what + " matches, but no tag, sighting or warninglist decides, it is not"
        + " marked for detection and its event's threat level is " + attribute.event().threatLevelName() + ".");
  }

  /**
   * The decay score that shows the attribute has decayed: with a threshold, its best score when that is below it;
   * without, the best score when every model says decayed. Empty when it has not (or MISP sent no score).
   */
  static Optional<DecayScore> decayed(List<DecayScore> scores, Double threshold) {
    Optional<DecayScore> best = scores.stream().max((a, b) -> Double.compare(a.score(), b.score()));
    if (best.isEmpty()) {
      return Optional.empty();
    }
    boolean decayed = threshold != null ? best.get().score() < threshold
        : scores.stream().allMatch(DecayScore::decayed);
    return decayed ? best : Optional.empty();
  }

  private static Decision nothingDecides(String value, List<MatchedAttribute> attributes,
      Optional<Warninglist> listed) {
    if (!attributes.isEmpty()) {
      List<String> orgs = new ArrayList<>();
      attributes.forEach(a -> {
        if (!orgs.contains(a.event().org())) {
          orgs.add(a.event().org());
        }
      });
      return new Decision(Verdict.UNKNOWN, "MISP matched " + value + " only in events of ignored organisations ("
          + String.join(", ", orgs) + ").");
    }
    if (listed.isPresent()) {
      return new Decision(Verdict.UNKNOWN, "MISP has no attribute with the value " + value + "; its warninglist \""
          + listed.get().name() + "\" does not decide ([fn_misp] verdict_warninglist = ignore).");
    }
    return new Decision(Verdict.UNKNOWN, "MISP has no attribute with the value " + value
        + " and it is on no enabled warninglist.");
  }

  private static Optional<TagVerdict> firstMatch(List<String> tags, List<TagPattern> patterns, Verdict verdict) {
    return tags.stream().filter(tag -> patterns.stream().anyMatch(pattern -> pattern.matches(tag))).findFirst()
        .map(tag -> new TagVerdict(verdict, tag));
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String withoutStop(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }
}
