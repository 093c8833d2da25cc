package org.fnmisp.config.secrets;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fnmisp.Loggers;
import org.slf4j.Logger;

/**
 * App Host protected secrets: each file {@code /etc/secrets/<NAME>} holds one line, a JWE compact token (alg
 * {@code dir}, enc {@code A256GCM}) encrypted with the symmetric JWK in {@code /etc/secrets/.jwk/key.jwk}. The
 * files are read into memory at once, so that the directory can be removed at start-up as resilient-circuits does;
 * a token is decrypted when a reference asks for it, so a broken secret is reported with the reference that needs
 * it.
 */
public final class AppHostSecrets implements SecretSource {

  /** Where App Host mounts the protected secrets. */
  public static final Path DIRECTORY = Path.of("/etc/secrets");

  private static final Logger LOG = Loggers.CONFIG;

  private final Path directory;
  private final Path keyFile;
  /** Secret name to the file's text, or to the reason it could not be read. */
  private final Map<String, Content> files;
  private final Content key;

  private AppHostSecrets(Path directory, Path keyFile, Map<String, Content> files, Content key) {
    this.directory = directory;
    this.keyFile = keyFile;
    this.files = files;
    this.key = key;
  }

  /** The JWK file of a secrets directory: {@code <directory>/.jwk/key.jwk}. */
  public static Path keyFile(Path directory) {
    return directory.resolve(".jwk").resolve("key.jwk");
  }

  /**
   * Reads every secret file of {@code directory} (names not starting with a dot) and the key. A missing directory
   * means no secrets; an unreadable file is reported when a reference asks for it.
   */
  public static AppHostSecrets read(Path directory, Path keyFile) {
    Map<String, Content> files = new TreeMap<>();
    if (Files.isDirectory(directory)) {
      try (Stream<Path> entries = Files.list(directory)) {
        entries.filter(file -> !file.getFileName().toString().startsWith("."))
            .filter(Files::isRegularFile)
            .forEach(file -> files.put(file.getFileName().toString(), Content.of(file)));
      } catch (IOException e) {
        throw new SecretException("Cannot list the App Host secrets in " + directory + ": " + e.getMessage(), e);
      }
      LOG.info("Read {} App Host secret(s) from {}", files.size(), directory);
    } else {
      LOG.info("No App Host secrets: {} does not exist", directory);
    }
    return new AppHostSecrets(directory, keyFile, Map.copyOf(files), Content.of(keyFile));
  }

  @Override
  public Optional<String> find(String name) {
    Content file = files.get(name);
    if (file == null) {
      return Optional.empty();
    }
    Path path = directory.resolve(name);
    if (file.problem() != null) {
      throw new SecretException("the App Host secret " + path + " cannot be read: " + file.problem());
    }
    if (file.text().isBlank()) {
      throw new SecretException("the App Host secret " + path + " is empty");
    }
    return Optional.of(decrypt(path, file.text().strip()));
  }

  @Override
  public String absence(String name) {
    return "there is no App Host secret " + directory.resolve(name);
  }

  /**
   * Deletes the secret files and the directory, so that nothing else in the container reads them later. Best
   * effort: a secrets volume mounted read-only stays, with a warning; a directory that is only a mount point and is
   * empty once its files are gone is fine.
   */
  public void removeDirectory() {
    if (!Files.exists(directory)) {
      return;
    }
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(directory)) {
      entries = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (IOException e) {
      LOG.warn("Could not remove the App Host secrets directory {}: {}", directory, e.getMessage());
      return;
    }
    List<String> kept = new ArrayList<>();
    String reason = null;
    for (Path entry : entries) {
      try {
        Files.delete(entry);
      } catch (IOException e) {
        if (!entry.equals(directory)) {
          kept.add(directory.relativize(entry).toString());
          reason = reason == null ? e.toString() : reason;
        }
      }
    }
    if (!kept.isEmpty()) {
      LOG.warn("Could not remove the App Host secrets directory {} ({}); {} stay readable in this container",
          directory, reason, kept);
    } else if (Files.exists(directory)) {
      LOG.debug("Removed the App Host secrets in {}; the directory itself stays (a mount point)", directory);
    } else {
      LOG.info("Removed the App Host secrets directory {}", directory);
    }
  }

  private String decrypt(Path path, String token) {
    JWEObject jwe;
    try {
      jwe = JWEObject.parse(token);
    } catch (ParseException e) {
      throw new SecretException("the App Host secret " + path + " is not a JWE compact token");
    }
    JWEHeader header = jwe.getHeader();
    if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())
        || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())) {
      throw new SecretException("the App Host secret " + path + " is encrypted with alg " + header.getAlgorithm()
          + ", enc " + header.getEncryptionMethod() + "; expected alg dir, enc A256GCM");
    }
    try {
      jwe.decrypt(new DirectDecrypter(key(path)));
    } catch (JOSEException e) {
      throw new SecretException("the App Host secret " + path + " cannot be decrypted with the key in " + keyFile
          + " (" + e.getMessage() + ")", e);
    }
    String value = jwe.getPayload().toString();
    if (value.isEmpty()) {
      throw new SecretException("the App Host secret " + path + " holds an empty value");
    }
    return value;
  }

  private OctetSequenceKey key(Path secret) {
    String cannot = "the App Host secret " + secret + " cannot be decrypted: the key file " + keyFile;
    if (key.problem() != null) {
      throw new SecretException(cannot + " cannot be read: " + key.problem());
    }
    try {
      if (JWK.parse(key.text()) instanceof OctetSequenceKey octets) {
        return octets;
      }
    } catch (ParseException e) {
      // The parser's message may quote the key: say only what is wrong.
    }
    throw new SecretException(cannot + " is not a JSON Web Key with \"kty\": \"oct\"");
  }

  /** A file's text, or why it could not be read. */
  private record Content(String text, String problem) {

    static Content of(Path file) {
      try {
        return new Content(Files.readString(file, StandardCharsets.UTF_8), null);
      } catch (NoSuchFileException e) {
        return new Content(null, "it does not exist");
      } catch (IOException e) {
        return new Content(null, e.toString());
      }
    }
  }
}
