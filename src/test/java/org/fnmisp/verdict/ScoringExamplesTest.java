package org.fnmisp.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fnmisp.functions.FunctionSettings;
import org.junit.jupiter.api.Test;

/** The table of examples in doc/functions.md ("How the verdict is made"), row by row, with the default settings. */
class ScoringExamplesTest {

  private static final VerdictRules DEFAULTS = FunctionSettings.defaults().rules();
  private static final String DNS = "List of known IPv4 public DNS resolvers";
  private static final String APT = "misp-galaxy:threat-actor=\"APT 28\"";

  @Test
  void maliciousByAttributeTag() {
    expect("8.8.8.8", List.of(attribute(true, List.of("malware_classification:malware-category=\"Ransomware\""),
        event(2, List.of()))), List.of(), Verdict.MALICIOUS,
        "Attribute 1 (ip-dst) of MISP event 42 \"Wave\" has the tag malware_classification:malware-category="
            + "\"Ransomware\".");
  }

  @Test
  void maliciousByEventTagWhenTheAttributeOnlyHasTlp() {
    expect("8.8.8.8", List.of(attribute(false, List.of("tlp:red"), event(3, List.of(APT)))), List.of(),
        Verdict.MALICIOUS, "MISP event 42 \"Wave\", which holds attribute 1 (ip-dst), has the tag " + APT + ".");
  }

  @Test
  void benignAttributeTagWinsOverMaliciousEventTag() {
    expect("8.8.8.8", List.of(attribute(false, List.of("false-positive:risk=\"high\""), event(3, List.of(APT)))),
        List.of(), Verdict.BENIGN,
        "Attribute 1 (ip-dst) of MISP event 42 \"Wave\" has the tag false-positive:risk=\"high\".");
  }

  @Test
  void benignByAttributeWarninglistHit() {
    MatchedAttribute listed = new MatchedAttribute("1", "u", "ip-dst", "Network activity", true, List.of(APT),
        event(1, List.of()), Sightings.NONE, List.of(), List.of(new Warninglist("12", DNS)));
    expect("8.8.8.8", List.of(listed), List.of(), Verdict.BENIGN,
        "8.8.8.8 is on the MISP warninglist \"" + DNS + "\" (id 12).");
  }

  @Test
  void benignByCheckValue() {
    expect("8.8.8.8", List.of(), List.of(new Warninglist("12", DNS)), Verdict.BENIGN,
        "8.8.8.8 is on the MISP warninglist \"" + DNS + "\" (id 12).");
  }

  @Test
  void benignByFalsePositiveSightings() {
    MatchedAttribute sighted = new MatchedAttribute("1", "u", "ip-dst", "Network activity", true, List.of(),
        event(1, List.of()), new Sightings(1, 3, 0, null), List.of(), List.of());
    expect("8.8.8.8", List.of(sighted), List.of(), Verdict.BENIGN,
        "8.8.8.8 has 3 false-positive sightings against 1 sighting in MISP.");
  }

  @Test
  void maliciousByDetectionFlagInAHighThreatEvent() {
    expect("8.8.8.8", List.of(attribute(true, List.of(), event(1, List.of()))), List.of(), Verdict.MALICIOUS,
        "Attribute 1 (ip-dst) of MISP event 42 \"Wave\" is marked for detection (to_ids) in an event of threat level"
            + " High.");
  }

  @Test
  void suspiciousByDetectionFlagInALowThreatEvent() {
    expect("8.8.8.8", List.of(attribute(true, List.of(), event(3, List.of()))), List.of(), Verdict.SUSPICIOUS,
        "Attribute 1 (ip-dst) of MISP event 42 \"Wave\" is marked for detection (to_ids) in an event of threat level"
            + " Low.");
  }

  @Test
  void suspiciousByAttackPatternTag() {
    expect("8.8.8.8", List.of(attribute(false, List.of("misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\""),
        event(3, List.of()))), List.of(), Verdict.SUSPICIOUS,
        "Attribute 1 (ip-dst) of MISP event 42 \"Wave\" has the tag misp-galaxy:mitre-attack-pattern=\"Phishing -"
            + " T1566\".");
  }

  @Test
  void suspiciousWhenMaliciousButDecayed() {
    MatchedAttribute decayed = new MatchedAttribute("1", "u", "ip-dst", "Network activity", false, List.of(APT),
        event(3, List.of()), Sightings.NONE, List.of(new DecayScore("NIDS", 12.3, true)), List.of());
    expect("8.8.8.8", List.of(decayed), List.of(), Verdict.SUSPICIOUS,
        "Attribute 1 (ip-dst) of MISP event 42 \"Wave\" has the tag " + APT + ", but it has decayed (score 12.3 in"
            + " the decaying model \"NIDS\"), so it counts as suspicious.");
  }

  @Test
  void unknownWhenNothingDecides() {
    expect("8.8.8.8", List.of(attribute(false, List.of(), event(3, List.of()))), List.of(), Verdict.UNKNOWN,
        "Attribute 1 (ip-dst) of MISP event 42 \"Wave\" matches, but no tag, sighting or warninglist decides, it is"
            + " not marked for detection and its event's threat level is Low.");
  }

  @Test
  void unknownWhenMispHasNothing() {
    expect("10.1.2.3", List.of(), List.of(), Verdict.UNKNOWN,
        "MISP has no attribute with the value 10.1.2.3 and it is on no enabled warninglist.");
  }

  private static void expect(String value, List<MatchedAttribute> attributes, List<Warninglist> checked,
      Verdict verdict, String reason) {
    assertThat(Scoring.decide(value, attributes, checked, DEFAULTS)).isEqualTo(new Decision(verdict, reason));
  }

  private static MispEvent event(int threatLevel, List<String> tags) {
    return new MispEvent("42", "e42", "Wave", "2024-10-21", threatLevel, "CIRCL", "", tags);
  }

  private static MatchedAttribute attribute(boolean toIds, List<String> tags, MispEvent event) {
    return new MatchedAttribute("1", "u1", "ip-dst", "Network activity", toIds, tags, event, Sightings.NONE, List.of(),
        List.of());
  }
}
