package org.fnmisp.verdict;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MITRE ATT&CK technique named by a MISP galaxy tag such as
 * {@code misp-galaxy:mitre-attack-pattern="Spearphishing Attachment - T1566.001"} (also the older
 * {@code mitre-enterprise-attack-attack-pattern}, {@code mitre-mobile-attack-…} and {@code mitre-pre-attack-…} galaxies).
 *
 * @param id the technique id, upper case: {@code T1566} or, for a sub-technique, {@code T1566.001}
 * @param name the technique's name as the tag spells it, with runs of spaces collapsed
 * @param tag the whole tag
 */
public record AttackTechnique(String id, String name, String tag) {

  private static final Pattern TAG = Pattern.compile(
      "misp-galaxy:mitre-[a-z-]*attack-pattern\\s*=\\s*\"?\\s*(.*?)\\s*-\\s*(T\\d{4}(?:\\.\\d{3})?)\\s*\"?\\s*",
      Pattern.CASE_INSENSITIVE);

  /** The technique the tag names; empty for any other tag. */
  public static Optional<AttackTechnique> parse(String tag) {
    Matcher matcher = TAG.matcher(tag.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String name = matcher.group(1).replaceAll("\\s+", " ");
    return Optional.of(new AttackTechnique(matcher.group(2).toUpperCase(Locale.ROOT), name, tag));
  }
}
