package org.fnmisp.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known name an unknown one was probably meant to be, for a "did you mean" hint (config keys, inputs). */
public final class KeySpelling {

  private KeySpelling() {}

  /** The closest known name within one edit for short names and two for longer ones, if any. */
  public static Optional<String> suggestion(String unknown, Collection<String> known) {
    int allowed = unknown.length() < 6 ? 1 : 2;
    return known.stream()
        .filter(name -> distance(unknown, name) <= allowed)
        .min(Comparator.comparingInt(name -> distance(unknown, name)));
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
