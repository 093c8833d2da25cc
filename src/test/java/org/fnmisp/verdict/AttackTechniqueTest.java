package org.fnmisp.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttackTechniqueTest {

  @Test
  void shouldReadASubTechnique() {
    String tag = "misp-galaxy:mitre-attack-pattern=\"Spearphishing Attachment - T1566.001\"";
    assertThat(AttackTechnique.parse(tag)).contains(new AttackTechnique("T1566.001", "Spearphishing Attachment", tag));
  }

  @Test
  void shouldReadATechniqueWithoutSubTechnique() {
    assertThat(AttackTechnique.parse("misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\"").map(AttackTechnique::id))
        .contains("T1566");
  }

  @Test
  void shouldReadTheOlderEnterpriseMobileAndPreAttackGalaxies() {
    assertThat(AttackTechnique.parse(
        "misp-galaxy:mitre-enterprise-attack-attack-pattern=\"Spearphishing Attachment - T1193\""))
        .map(AttackTechnique::id).contains("T1193");
    assertThat(AttackTechnique.parse("misp-galaxy:mitre-mobile-attack-attack-pattern=\"Exploit via Charging Station"
        + " or PC - T1458\"")).map(AttackTechnique::name).contains("Exploit via Charging Station or PC");
    assertThat(AttackTechnique.parse("misp-galaxy:mitre-pre-attack-attack-pattern=\"Acquire OSINT data sets and"
        + " information - T1277\"")).map(AttackTechnique::id).contains("T1277");
  }

  @Test
  void shouldForgiveOddSpacingMissingQuotesAndLetterCase() {
    assertThat(AttackTechnique.parse("misp-galaxy:mitre-attack-pattern = \"  Command and   Scripting Interpreter -"
        + "  t1059.001 \"")).map(t -> t.id() + "|" + t.name()).contains("T1059.001|Command and Scripting Interpreter");
    assertThat(AttackTechnique.parse("misp-galaxy:mitre-attack-pattern=Valid Accounts - T1078"))
        .map(t -> t.id() + "|" + t.name()).contains("T1078|Valid Accounts");
    assertThat(AttackTechnique.parse("MISP-Galaxy:MITRE-Attack-Pattern=\"Phishing - T1566\""))
        .map(AttackTechnique::id).contains("T1566");
  }

  @Test
  void shouldKeepAHyphenInTheNameAndTakeTheLastId() {
    assertThat(AttackTechnique.parse("misp-galaxy:mitre-attack-pattern=\"Pass the Hash - Mimikatz - T1550.002\""))
        .map(t -> t.id() + "|" + t.name()).contains("T1550.002|Pass the Hash - Mimikatz");
  }

  @Test
  void shouldIgnoreOtherTags() {
    assertThat(AttackTechnique.parse("tlp:amber")).isEmpty();
    assertThat(AttackTechnique.parse("misp-galaxy:threat-actor=\"APT 28\"")).isEmpty();
    assertThat(AttackTechnique.parse("misp-galaxy:mitre-malware=\"BlackEnergy - S0089\"")).isEmpty();
    assertThat(AttackTechnique.parse("misp-galaxy:mitre-attack-pattern=\"Phishing\"")).isEmpty();
    assertThat(AttackTechnique.parse("misp-galaxy:mitre-attack-pattern=\"Phishing - T15\"")).isEmpty();
  }
}
