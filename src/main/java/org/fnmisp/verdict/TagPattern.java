package org.fnmisp.verdict;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tag name as an operator writes it in {@code verdict_*_tags}: letter case is ignored and {@code *} stands for any
 * text, so {@code misp-galaxy:threat-actor=*} matches {@code misp-galaxy:threat-actor="APT 28"}.
 */
public final class TagPattern {

  private final String text;
  private final Pattern pattern;

  private TagPattern(String text) {
    this.text = text;
    StringBuilder regex = new StringBuilder();
    String[] pieces = text.split("\\*", -1);
    for (int i = 0; i < pieces.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(pieces[i]));
    }
    this.pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  public static TagPattern of(String text) {
    return new TagPattern(text.strip());
  }

  public boolean matches(String tag) {
    return pattern.matcher(tag.strip()).matches();
  }

  /** Handling markings (TLP, PAP) say who may see a value, not what it is: they never decide, whatever matches. */
  static boolean isHandlingMarking(String tag) {
    String lower = tag.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("tlp:") || lower.startsWith("pap:");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TagPattern pattern && pattern.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
