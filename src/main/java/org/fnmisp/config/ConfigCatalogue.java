package org.fnmisp.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** All keys fn-misp knows, by section, in the order the template writes them. */
public final class ConfigCatalogue {

  /** The sections fn-misp owns: secret references are resolved and known keys validated only here. */
  public static final List<String> SECTIONS = List.of(ResilientKeys.SECTION, IntegrationsKeys.SECTION,
      FnMispKeys.SECTION);

  /** What a command that calls MISP reads: the MISP connection and the outbound HTTP settings it falls back on. */
  public static final List<String> MISP_SECTIONS = List.of(IntegrationsKeys.SECTION, FnMispKeys.SECTION);

  /** What a command that talks to SOAR (REST or its broker) reads. */
  public static final List<String> SOAR_SECTIONS = List.of(ResilientKeys.SECTION);

  private static final List<ConfigKey<?>> ALL = Stream.of(ResilientKeys.ALL, IntegrationsKeys.ALL, FnMispKeys.ALL)
      .flatMap(List::stream).toList();

  private ConfigCatalogue() {}

  public static List<ConfigKey<?>> all() {
    return ALL;
  }

  public static List<ConfigKey<?>> section(String section) {
    return ALL.stream().filter(key -> key.section().equals(section)).toList();
  }

  public static Optional<ConfigKey<?>> find(String section, String name) {
    return ALL.stream().filter(key -> key.section().equals(section) && key.name().equals(name)).findFirst();
  }
}
