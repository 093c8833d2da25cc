package org.fnmisp.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app.config that {@code config -c} writes and whose sections {@code config -u} appends, rendered from the
 * catalogue: per section, each key that has a template value, preceded by its doc line. app.config.sample is this
 * text (a test keeps them equal).
 */
public final class ConfigTemplate {

  private static final String HEADER = "# app.config for fn-misp (the same file resilient-circuits reads).\n"
      + "# Every key is described in doc/configuration.md. A value may be $NAME or contain ${NAME}: the\n"
      + "# environment variable NAME (use this for secrets).\n\n";

  private ConfigTemplate() {}

  /** The whole file. */
  public static String render() {
    return HEADER + String.join("\n", sections().values());
  }

  /** Section name to its text (starting with the {@code [section]} line), in file order. */
  public static Map<String, String> sections() {
    Map<String, String> sections = new LinkedHashMap<>();
    for (String section : ConfigCatalogue.SECTIONS) {
      sections.put(section, section(section, ConfigCatalogue.section(section)));
    }
    return sections;
  }

  private static String section(String name, List<ConfigKey<?>> keys) {
    StringBuilder text = new StringBuilder("[").append(name).append("]\n");
    for (ConfigKey<?> key : keys) {
      ConfigKey.Template template = key.template();
      if (template != null) {
        text.append("# ").append(key.doc()).append('\n')
            .append(template.commented() ? "#" : "").append(key.name()).append(" = ").append(template.value())
            .append('\n');
      }
    }
    return text.toString();
  }
}
