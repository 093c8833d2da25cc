package org.fnmisp.verdict;

import java.util.Objects;

/** A verdict and the one sentence that names what decided it. */
public record Decision(Verdict verdict, String reason) {

  public Decision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }
}
