package org.fnmisp.verdict;

import java.util.Locale;

/** What MISP says about an artifact, most severe first: the order in which attribute verdicts combine. */
public enum Verdict {
  MALICIOUS, SUSPICIOUS, BENIGN, UNKNOWN;

  /** The word the result carries: {@code malicious}, {@code suspicious}, {@code benign}, {@code unknown}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  private int severity() {
    return switch (this) {
      case MALICIOUS -> 3;
      case SUSPICIOUS -> 2;
      case BENIGN -> 1;
      case UNKNOWN -> 0;
    };
  }

  /** True when this verdict outranks {@code other} in the combination of several attributes. */
  boolean outranks(Verdict other) {
    return severity() > other.severity();
  }
}
