package org.fnmisp.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;

/** The value types of the config catalogue. Each parser states in its exception message why a text is refused. */
public final class ValueTypes {

  private static final Set<String> TRUE_WORDS = Set.of("1", "true", "yes", "on");
  private static final Set<String> FALSE_WORDS = Set.of("0", "false", "no", "off");

  public static final ValueType<String> STRING = new ValueType<>("text", text -> text, value -> value);

  public static final ValueType<Integer> INTEGER = new ValueType<>("integer", ValueTypes::parseInteger,
      String::valueOf);

  public static final ValueType<Double> DECIMAL = new ValueType<>("number", ValueTypes::parseDecimal,
      value -> BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());

  /** Seconds, fractions allowed ("2.5"), as the Python code passes them to sleep() and socket timeouts. */
  public static final ValueType<Duration> SECONDS = new ValueType<>("seconds", ValueTypes::parseSeconds,
      value -> BigDecimal.valueOf(value.toMillis(), 3).stripTrailingZeros().toPlainString());

  /** The words Python's {@code str_to_bool} and ConfigParser's {@code getboolean} know, case-insensitively. */
  public static final ValueType<Boolean> BOOLEAN = new ValueType<>("true or false", ValueTypes::parseBoolean,
      String::valueOf);

  public static final ValueType<Secret> SECRET = new ValueType<>("secret text", Secret::of, Secret::reveal);

  /**
   * Certificate trust: {@code true} (the JVM trust store), {@code false} (no verification) or the path of a PEM CA
   * bundle, which must exist. The text is kept as written; {@code org.fnmisp.tls.TlsTrust.fromConfig} turns it into
   * a trust manager.
   */
  public static final ValueType<String> TLS_TRUST = new ValueType<>("true, false or the path of a PEM CA bundle",
      ValueTypes::parseTrust, value -> value);

  /** An http:// or https:// URL with a host, that OkHttp takes as it is ({@code HttpUrl.get} does not fail on it). */
  public static final ValueType<String> HTTP_URL = new ValueType<>("http:// or https:// URL", ValueTypes::parseHttpUrl,
      value -> value);

  /**
   * A proxy URL; without a scheme it means http://, as in Python requests, and the value gets that scheme.
   * Credentials in the URL are allowed.
   */
  public static final ValueType<String> PROXY_URL = new ValueType<>("proxy URL (http://[user:password@]host:port)",
      text -> parseUrl(text.contains("://") ? text : "http://" + text, List.of("http", "https", "socks5")),
      value -> value);

  /**
   * A comma-separated list; a comma inside double quotes belongs to the item ({@code misp-galaxy:x="a, b"}). Items
   * are trimmed, empty ones dropped.
   */
  public static final ValueType<List<String>> LIST = new ValueType<>("comma-separated list", ValueTypes::splitList,
      value -> String.join(", ", value));

  /** resilient-circuits log levels, case-insensitive; the value is upper-cased. */
  public static final ValueType<String> LOG_LEVEL = choice("DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL");

  private ValueTypes() {}

  /** One of fixed words, case-insensitive; the value is the upper-case word. */
  public static ValueType<String> choice(String... words) {
    return choice(text -> text.toUpperCase(Locale.ROOT), words);
  }

  /** One of fixed lower-case words, case-insensitive; the value is the word. */
  public static ValueType<String> lowerCaseChoice(String... words) {
    return choice(text -> text.toLowerCase(Locale.ROOT), words);
  }

  /** One of {@code words}, compared after {@code normalise}; the value is the normalised word. */
  private static ValueType<String> choice(UnaryOperator<String> normalise, String... words) {
    List<String> allowed = List.of(words);
    String list = String.join(", ", allowed);
    return new ValueType<>("one of " + list, text -> {
      String word = normalise.apply(text);
      if (!allowed.contains(word)) {
        throw new IllegalArgumentException("must be one of " + list);
      }
      return word;
    }, value -> value);
  }

  /** Splits at commas outside double quotes; see {@link #LIST}. */
  public static List<String> splitList(String text) {
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        addItem(items, item);
      } else {
        item.append(c);
      }
    }
    addItem(items, item);
    return List.copyOf(items);
  }

  private static void addItem(List<String> items, StringBuilder item) {
    String trimmed = item.toString().strip();
    if (!trimmed.isEmpty()) {
      items.add(trimmed);
    }
    item.setLength(0);
  }

  private static Integer parseInteger(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number");
    }
  }

  private static Double parseDecimal(String text) {
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("not a finite number");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
  }

  private static Duration parseSeconds(String text) {
    try {
      return Duration.ofMillis(new BigDecimal(text).movePointRight(3).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a number of seconds (e.g. 30 or 2.5)");
    }
  }

  private static Boolean parseBoolean(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (TRUE_WORDS.contains(lower)) {
      return true;
    }
    if (FALSE_WORDS.contains(lower)) {
      return false;
    }
    throw new IllegalArgumentException("must be true or false");
  }

  private static String parseTrust(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (TRUE_WORDS.contains(lower) || FALSE_WORDS.contains(lower)) {
      return text;
    }
    Path path = text.equals("~") || text.startsWith("~/")
        ? Path.of(System.getProperty("user.home") + text.substring(1)) : Path.of(text);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no such file (expected true, false or the path of a PEM CA bundle)");
    }
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("the file is not readable");
    }
    return text;
  }

  private static String parseHttpUrl(String text) {
    parseUrl(text, List.of("http", "https"));
    // java.net.URI lets through what OkHttp refuses, such as port 0 or 70000.
    if (HttpUrl.parse(text) == null) {
      throw new IllegalArgumentException("not an http:// or https:// URL");
    }
    return text;
  }

  private static String parseUrl(String text, List<String> schemes) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!schemes.contains(scheme)) {
      throw new IllegalArgumentException("must start with " + String.join("://, ", schemes) + "://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("the URL has no host name");
    }
    return text;
  }
}
