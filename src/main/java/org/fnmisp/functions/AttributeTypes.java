package org.fnmisp.functions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fnmisp.handler.FunctionException;

/**
 * MISP's attribute types (the bundled {@code attribute-types.txt}, from MISP's describeTypes). Lets a bad
 * {@code misp_attribute_type} fail before any call, and forgives letter case ({@code IP-DST} → {@code ip-dst}).
 */
final class AttributeTypes {

  private static final Map<String, String> BY_LOWER_CASE = load();

  private AttributeTypes() {}

  /** The type as MISP spells it, or empty when MISP has no such type. */
  static Optional<String> canonical(String type) {
    return Optional.ofNullable(BY_LOWER_CASE.get(type.trim().toLowerCase(Locale.ROOT)));
  }

  /** The type as MISP spells it; a type MISP does not have fails the function, naming the input and the value. */
  static String checked(String input, String requested) throws FunctionException {
    return canonical(requested).orElseThrow(() -> new FunctionException(input + " \"" + InputReader.shown(requested)
        + "\" is not a MISP attribute type (e.g. ip-dst, domain, url, md5, filename, email-src)"));
  }

  static int count() {
    return BY_LOWER_CASE.size();
  }

  private static Map<String, String> load() {
    Map<String, String> types = new TreeMap<>();
    try (InputStream in = AttributeTypes.class.getResourceAsStream("attribute-types.txt")) {
      if (in == null) {
        throw new IllegalStateException("attribute-types.txt is missing from the fn-misp jar");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String type = line.strip();
        if (!type.isEmpty() && !type.startsWith("#")) {
          types.put(type.toLowerCase(Locale.ROOT), type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read attribute-types.txt", e);
    }
    return Map.copyOf(types);
  }
}
