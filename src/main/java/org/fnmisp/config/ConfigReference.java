package org.fnmisp.config;

/** doc/configuration.md, rendered from the catalogue so the reference cannot drift from the code. */
public final class ConfigReference {

  private static final String INTRO = """
      # Configuration reference

      fn-misp reads the same `app.config` as resilient-circuits. This page is generated from the key catalogue in
      `org.fnmisp.config` (`GeneratedFilesTest` fails when it is out of date; run it with `-Dfnmisp.regenerate=true`
      to rewrite it).

      **Where the file is.** `--config-file`, else `$APP_CONFIG_FILE`, else `./app.config`, else
      `~/.resilient/app.config`. `fn-misp config -c [file]` writes a new one, `fn-misp config -u [file]` appends
      missing sections to an existing one.

      **Format.** INI as Python's ConfigParser reads it: `key = value` or `key: value`, whole-line `#` and `;`
      comments (a `#` after a value is part of the value), indented continuation lines, no interpolation.

      **Secrets.** In `[resilient]`, `[integrations]` and `[fn_misp]` a value that is `$NAME`, or contains `${NAME}`,
      takes the environment variable `NAME`; in App Host (`APP_HOST_CONTAINER=1`) the protected secret
      `/etc/secrets/NAME` first ([install-apphost.md](install-apphost.md)). A reference that resolves to nothing is an
      error naming the key and the reference, never a value.

      **Validation.** Every key below that is present is checked at start-up; an empty value counts as absent. Other
      sections and unknown keys are kept (other apps share the file); an unknown key that looks like a misspelled
      known key draws a warning.

      """;

  private ConfigReference() {}

  public static String render() {
    StringBuilder text = new StringBuilder(INTRO);
    for (String section : ConfigCatalogue.SECTIONS) {
      text.append("## [").append(section).append("]\n\n")
          .append("| Key | Type | Default | Allowed | Description |\n")
          .append("|---|---|---|---|---|\n");
      for (ConfigKey<?> key : ConfigCatalogue.section(section)) {
        text.append("| `").append(key.name()).append("` | ")
            .append(key.type().description()).append(" | ")
            .append(cell(key.defaultDescription())).append(" | ")
            .append(key.constraint() == null ? "" : cell(key.constraint().description())).append(" | ")
            .append(cell(key.doc())).append(" |\n");
      }
      text.append('\n');
    }
    return text.toString().stripTrailing() + "\n";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
