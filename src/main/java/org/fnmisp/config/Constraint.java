package org.fnmisp.config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An allowed range or rule for a typed config value.
 *
 * @param description the allowed values for the configuration reference (e.g. "1..2000")
 * @param test true for an allowed value
 * @param reason why a value is refused, phrased to follow "key = value: "
 */
public record Constraint<T>(String description, Predicate<T> test, String reason) {

  /** The reason when {@code value} is refused, else empty. */
  public Optional<String> violation(T value) {
    return test.test(value) ? Optional.empty() : Optional.of(reason);
  }

  public static Constraint<Integer> between(int min, int max) {
    return new Constraint<>(min + ".." + max, value -> value >= min && value <= max,
        "must be between " + min + " and " + max);
  }

  public static Constraint<Integer> atLeast(int min) {
    return new Constraint<>(">= " + min, value -> value >= min, "must be at least " + min);
  }

  /** Python's RotatingFileHandler takes 0 (never rotate) or a size; resilient-circuits refuses tiny sizes. */
  public static Constraint<Integer> zeroOrAtLeast(int min) {
    return new Constraint<>("0 or >= " + min, value -> value == 0 || value >= min, "must be 0 or at least " + min);
  }

  public static Constraint<Duration> positiveSeconds() {
    return new Constraint<>("> 0", value -> !value.isNegative() && !value.isZero(), "must be more than 0 seconds");
  }

  public static Constraint<Duration> nonNegativeSeconds() {
    return new Constraint<>(">= 0", value -> !value.isNegative(), "must not be negative");
  }

  public static Constraint<Double> atLeast(double min) {
    return new Constraint<>(">= " + ValueTypes.DECIMAL.format(min), value -> value >= min,
        "must be at least " + ValueTypes.DECIMAL.format(min));
  }
}
