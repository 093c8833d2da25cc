package org.fnmisp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fnmisp.config.ConfigLocator;
import org.fnmisp.config.ConfigTemplate;
import org.fnmisp.config.IniFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fn-misp config -c|-u [FILE]}, as {@code resilient-circuits config}: the target is {@code $APP_CONFIG_FILE}
 * if set, else FILE, else {@code ~/.resilient/app.config}. {@code -u} only appends whole sections that are missing,
 * so keys an operator (or another app) wrote are never changed.
 */
@Command(name = "config", description = "Write a new app.config (-c) or append the sections missing from one (-u).")
public final class ConfigCommand extends BaseCommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  @Parameters(arity = "0..1", paramLabel = "FILE",
      description = "The file to write (ignored when $APP_CONFIG_FILE is set; default ~/.resilient/app.config).")
  Path file;

  @Option(names = "--force", description = "With -c: overwrite an existing file.")
  boolean force;

  /** Exactly one of create and update. */
  static final class Mode {

    @Option(names = {"-c", "--create"}, required = true, description = "Create a new app.config from the template.")
    boolean create;

    @Option(names = {"-u", "--update"}, required = true,
        description = "Append the sections missing from an existing app.config.")
    boolean update;
  }

  @Override
  public Integer call() throws IOException {
    CliContext context = context();
    Path target = new ConfigLocator(context.environment(), context.workingDirectory(), context.home()).target(file);
    if (file != null && !target.equals(context.workingDirectory().resolve(file))) {
      err().println("Note: $" + ConfigLocator.ENVIRONMENT_VARIABLE + " is set, so " + target + " is used instead of "
          + file);
    }
    return mode.create ? create(target) : update(target);
  }

  private int create(Path target) throws IOException {
    if (Files.exists(target) && !force) {
      throw new ExitException(ExitCodes.APP_FAILURE,
          target + " already exists; use --force to overwrite it, or -u to add the missing sections");
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, ConfigTemplate.render(), StandardCharsets.UTF_8);
    ownerOnly(target);
    out().println("Created " + target + ". Edit it, then run: fn-misp selftest");
    return ExitCodes.OK;
  }

  private int update(Path target) throws IOException {
    if (!Files.isRegularFile(target)) {
      throw new ExitException(ExitCodes.APP_FAILURE, target + " does not exist; create it with: fn-misp config -c");
    }
    String text = Files.readString(target, StandardCharsets.UTF_8);
    IniFile existing = IniFile.parse(text, target.toString());
    StringBuilder addition = new StringBuilder(text.isEmpty() || text.endsWith("\n") ? "" : "\n");
    List<String> added = new ArrayList<>();
    for (Map.Entry<String, String> section : ConfigTemplate.sections().entrySet()) {
      if (!existing.hasSection(section.getKey())) {
        addition.append('\n').append(section.getValue());
        added.add("[" + section.getKey() + "]");
      }
    }
    if (added.isEmpty()) {
      out().println("No updates.");
      return ExitCodes.OK;
    }
    Files.writeString(target, addition, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    out().println("Updated " + target + ": added " + String.join(", ", added));
    return ExitCodes.OK;
  }

  /** app.config holds secrets (or references to them): keep a new file private to its owner where POSIX allows. */
  private static void ownerOnly(Path target) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
