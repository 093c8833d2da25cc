package org.fnmisp.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the verdict on its own, then their order in {@link Scoring#decide}. */
class ScoringTest {

  private static final VerdictRules RULES = VerdictRules.of(List.of("malware_classification:*",
      "misp-galaxy:threat-actor=*", "*"), List.of("misp-galaxy:mitre-attack-pattern=*"),
      List.of("false-positive:risk=\"high\""), true, null, List.of(), List.of());
  private static final MispEvent EVENT = event("42", 2, "CIRCL", List.of());

  // tags

  @Test
  void shouldPreferBenignOverMaliciousOverSuspiciousTags() {
    assertThat(Scoring.tagVerdict(List.of("misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\"",
        "malware_classification:malware-category=\"Trojan\"", "false-positive:risk=\"high\""), RULES))
        .contains(new Scoring.TagVerdict(Verdict.BENIGN, "false-positive:risk=\"high\""));
    assertThat(Scoring.tagVerdict(List.of("misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\"",
        "misp-galaxy:threat-actor=\"APT 28\""), noStar()))
        .contains(new Scoring.TagVerdict(Verdict.MALICIOUS, "misp-galaxy:threat-actor=\"APT 28\""));
    assertThat(Scoring.tagVerdict(List.of("misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\""), noStar()))
        .map(Scoring.TagVerdict::verdict).contains(Verdict.SUSPICIOUS);
  }

  @Test
  void shouldNeverDecideOnTlpOrPapEvenWhenAPatternMatchesEverything() {
    assertThat(Scoring.tagVerdict(List.of("tlp:red", "PAP:AMBER"), RULES)).isEmpty();
  }

  @Test
  void shouldLetAttributeTagsWinOverEventTags() {
    MatchedAttribute attribute = attribute("1", List.of("false-positive:risk=\"high\""), false,
        event("42", 1, "CIRCL", List.of("malware_classification:malware-category=\"Ransomware\"")));

    Decision decision = Scoring.attributeDecision(attribute, RULES);

    assertThat(decision.verdict()).isEqualTo(Verdict.BENIGN);
    assertThat(decision.reason()).isEqualTo("Attribute 1 (ip-dst) of MISP event 42 \"Event 42\" has the tag"
        + " false-positive:risk=\"high\".");
  }

  @Test
  void shouldUseEventTagsWhenTheAttributeHasNoDecidingTag() {
    MatchedAttribute attribute = attribute("1", List.of("tlp:green"), false,
        event("42", 3, "CIRCL", List.of("misp-galaxy:threat-actor=\"APT 28\"")));

    assertThat(Scoring.attributeDecision(attribute, RULES)).isEqualTo(new Decision(Verdict.MALICIOUS,
        "MISP event 42 \"Event 42\", which holds attribute 1 (ip-dst), has the tag misp-galaxy:threat-actor=\"APT 28\"."));
  }

  // fallbacks

  @Test
  void shouldFallBackOnDetectionFlagAndThreatLevel() {
    assertThat(Scoring.fallback(attribute("1", List.of(), true, event("42", 1, "", List.of()))))
        .isEqualTo(new Decision(Verdict.MALICIOUS, "Attribute 1 (ip-dst) of MISP event 42 \"Event 42\" is marked for"
            + " detection (to_ids) in an event of threat level High."));
    assertThat(Scoring.fallback(attribute("1", List.of(), true, event("42", 3, "", List.of()))).verdict())
        .isEqualTo(Verdict.SUSPICIOUS);
    assertThat(Scoring.fallback(attribute("1", List.of(), false, event("42", 2, "", List.of()))))
        .isEqualTo(new Decision(Verdict.SUSPICIOUS, "Attribute 1 (ip-dst) of MISP event 42 \"Event 42\" is in an"
            + " event of threat level Medium."));
    assertThat(Scoring.fallback(attribute("1", List.of(), false, event("42", 3, "", List.of()))))
        .isEqualTo(new Decision(Verdict.UNKNOWN, "Attribute 1 (ip-dst) of MISP event 42 \"Event 42\" matches, but no"
            + " tag, sighting or warninglist decides, it is not marked for detection and its event's threat level"
            + " is Low."));
  }

  // decay

  @Test
  void shouldCountAnAttributeAsDecayedWhenEveryModelSaysSoOrTheBestScoreIsBelowTheThreshold() {
    DecayScore low = new DecayScore("NIDS", 10, true);
    DecayScore high = new DecayScore("Phishing", 60, false);
    assertThat(Scoring.decayed(List.of(low), null)).contains(low);
    assertThat(Scoring.decayed(List.of(low, high), null)).isEmpty();
    assertThat(Scoring.decayed(List.of(low, high), 70.0)).contains(high);
    assertThat(Scoring.decayed(List.of(low, high), 50.0)).isEmpty();
    assertThat(Scoring.decayed(List.of(), 50.0)).isEmpty();
  }

  @Test
  void shouldLowerADecayedMaliciousAttributeToSuspicious() {
    MatchedAttribute decayed = new MatchedAttribute("1", "u1", "ip-dst", "Network activity", true,
        List.of("malware_classification:malware-category=\"Trojan\""), EVENT, Sightings.NONE,
        List.of(new DecayScore("NIDS Simple Decaying Model", 12.34, true)), List.of());

    assertThat(Scoring.attributeDecision(decayed, RULES)).isEqualTo(new Decision(Verdict.SUSPICIOUS,
        "Attribute 1 (ip-dst) of MISP event 42 \"Event 42\" has the tag malware_classification:malware-category="
            + "\"Trojan\", but it has decayed (score 12.3 in the decaying model \"NIDS Simple Decaying Model\"), so"
            + " it counts as suspicious."));
  }

  // sightings

  @Test
  void shouldCallFalsePositivesOutnumberingSightingsBenign() {
    assertThat(Scoring.falsePositivesOutnumber(new Sightings(1, 2, 0, null))).isTrue();
    assertThat(Scoring.falsePositivesOutnumber(new Sightings(2, 2, 0, null))).isFalse();
    assertThat(Scoring.falsePositivesOutnumber(Sightings.NONE)).isFalse();
  }

  @Test
  void shouldSumSightingsOverAttributesAndKeepTheNewest() {
    Instant early = Instant.parse("2024-01-01T00:00:00Z");
    Instant late = Instant.parse("2024-06-01T00:00:00Z");
    MatchedAttribute a = withSightings("1", new Sightings(1, 1, 0, late));
    MatchedAttribute b = withSightings("2", new Sightings(0, 2, 1, early));

    assertThat(Scoring.totalSightings(List.of(a, b))).isEqualTo(new Sightings(1, 3, 1, late));
  }

  // organisations

  @Test
  void shouldDropIgnoredOrganisationsAndKeepOnlyTrustedOnesWhenTheyMatched() {
    MatchedAttribute circl = attribute("1", List.of(), true, event("42", 1, "CIRCL", List.of()));
    MatchedAttribute feed = attribute("2", List.of(), true, event("43", 1, "Feed Org", List.of()));
    MatchedAttribute noisy = attribute("3", List.of(), true, event("44", 1, "Noisy", List.of()));
    VerdictRules rules = VerdictRules.of(List.of(), List.of(), List.of(), true, null, List.of("circl"),
        List.of("NOISY"));

    assertThat(Scoring.deciding(List.of(circl, feed, noisy), rules)).containsExactly(circl);
    assertThat(Scoring.deciding(List.of(feed, noisy), rules)).containsExactly(feed);
    assertThat(Scoring.deciding(List.of(noisy), rules)).isEmpty();
    assertThat(Scoring.needsWarninglistCheck(List.of(noisy), rules)).isTrue();
    assertThat(Scoring.needsWarninglistCheck(List.of(feed), rules)).isFalse();
  }

  @Test
  void shouldMatchOrganisationsByUuidToo() {
    MispEvent byUuid = new MispEvent("42", "e", "Event", "2024-01-01", 1, "CIRCL",
        "55F6EA5E-2C60-40E5-964F-47A8950D210F", List.of());
    VerdictRules rules = VerdictRules.of(List.of(), List.of(), List.of(), true, null, List.of(),
        List.of("55f6ea5e-2c60-40e5-964f-47a8950d210f"));

    assertThat(rules.isIgnored(byUuid)).isTrue();
  }

  // the whole decision

  @Test
  void shouldCallAValueOnAWarninglistBenignBeforeAnyTag() {
    MatchedAttribute tagged = new MatchedAttribute("1", "u1", "ip-dst", "Network activity", true,
        List.of("misp-galaxy:threat-actor=\"APT 28\""), EVENT, Sightings.NONE, List.of(),
        List.of(new Warninglist("12", "List of known IPv4 public DNS resolvers")));

    assertThat(Scoring.decide("8.8.8.8", List.of(tagged), List.of(), RULES)).isEqualTo(new Decision(Verdict.BENIGN,
        "8.8.8.8 is on the MISP warninglist \"List of known IPv4 public DNS resolvers\" (id 12)."));
  }

  @Test
  void shouldOnlyListWarninglistsWhenTheyAreIgnored() {
    VerdictRules ignore = VerdictRules.of(List.of("misp-galaxy:threat-actor=*"), List.of(), List.of(), false, null,
        List.of(), List.of());
    MatchedAttribute tagged = new MatchedAttribute("1", "u1", "ip-dst", "Network activity", true,
        List.of("misp-galaxy:threat-actor=\"APT 28\""), EVENT, Sightings.NONE, List.of(),
        List.of(new Warninglist("12", "Public DNS")));

    assertThat(Scoring.decide("8.8.8.8", List.of(tagged), List.of(), ignore).verdict()).isEqualTo(Verdict.MALICIOUS);
    assertThat(Scoring.decide("8.8.8.8", List.of(), List.of(new Warninglist("12", "Public DNS")), ignore))
        .isEqualTo(new Decision(Verdict.UNKNOWN, "MISP has no attribute with the value 8.8.8.8; its warninglist"
            + " \"Public DNS\" does not decide ([fn_misp] verdict_warninglist = ignore)."));
  }

  @Test
  void shouldCallAValueWhoseFalsePositivesOutnumberItsSightingsBenignBeforeAnyTag() {
    MatchedAttribute a = new MatchedAttribute("1", "u1", "ip-dst", "Network activity", true,
        List.of("misp-galaxy:threat-actor=\"APT 28\""), EVENT, new Sightings(1, 2, 0, null), List.of(), List.of());
    MatchedAttribute b = withSightings("2", new Sightings(0, 1, 0, null));

    assertThat(Scoring.decide("203.0.113.7", List.of(a, b), List.of(), RULES)).isEqualTo(new Decision(
        Verdict.BENIGN, "203.0.113.7 has 3 false-positive sightings against 1 sighting in MISP."));
  }

  @Test
  void shouldTakeTheMostSevereAttributeVerdictAndTheFirstAttributeWithIt() {
    MatchedAttribute unknown = attribute("1", List.of(), false, event("40", 3, "", List.of()));
    MatchedAttribute suspicious = attribute("2", List.of(), true, event("41", 3, "", List.of()));
    MatchedAttribute malicious = attribute("3", List.of(), true, event("42", 1, "", List.of()));
    MatchedAttribute alsoMalicious = attribute("4", List.of(), true, event("43", 1, "", List.of()));

    Decision decision = Scoring.decide("v", List.of(unknown, suspicious, malicious, alsoMalicious), List.of(), RULES);

    assertThat(decision.verdict()).isEqualTo(Verdict.MALICIOUS);
    assertThat(decision.reason()).startsWith("Attribute 3 (ip-dst)");
  }

  @Test
  void shouldPreferASuspiciousAttributeOverABenignOne() {
    MatchedAttribute benign = attribute("1", List.of("false-positive:risk=\"high\""), false, EVENT);
    MatchedAttribute suspicious = attribute("2", List.of(), true, event("41", 3, "", List.of()));

    assertThat(Scoring.decide("v", List.of(benign, suspicious), List.of(), RULES).verdict())
        .isEqualTo(Verdict.SUSPICIOUS);
    assertThat(Scoring.decide("v", List.of(benign), List.of(), RULES).verdict()).isEqualTo(Verdict.BENIGN);
  }

  @Test
  void shouldCallAnUnknownValueUnknown() {
    assertThat(Scoring.decide("10.1.2.3", List.of(), List.of(), RULES)).isEqualTo(new Decision(Verdict.UNKNOWN,
        "MISP has no attribute with the value 10.1.2.3 and it is on no enabled warninglist."));
  }

  private static VerdictRules noStar() {
    return VerdictRules.of(List.of("malware_classification:*", "misp-galaxy:threat-actor=*"),
        List.of("misp-galaxy:mitre-attack-pattern=*"),
        List.of(), true, null, List.of(), List.of());
  }

  private static MispEvent event(String id, int threatLevel, String org, List<String> tags) {
    return new MispEvent(id, "uuid-" + id, "Event " + id, "2024-10-21", threatLevel, org, "", tags);
  }

  private static MatchedAttribute attribute(String id, List<String> tags, boolean toIds, MispEvent event) {
    return new MatchedAttribute(id, "uuid-" + id, "ip-dst", "Network activity", toIds, tags, event, Sightings.NONE,
        List.of(), List.of());
  }

  private static MatchedAttribute withSightings(String id, Sightings sightings) {
    return new MatchedAttribute(id, "uuid-" + id, "ip-dst", "Network activity", false, List.of(), EVENT, sightings,
        List.of(), List.of());
  }
}
