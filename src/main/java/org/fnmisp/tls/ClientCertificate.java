package org.fnmisp.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.fnmisp.config.ConfigException;

/**
 * The certificate (with its chain) and private key fn-misp shows a server that asks for one (mutual TLS), from
 * {@code client_auth_cert} and {@code client_auth_key}: PEM files, the key unencrypted in PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC 1 ({@code BEGIN EC PRIVATE KEY}) form.
 * Without {@code client_auth_key} the key is looked for in the certificate file, as Python's
 * {@code load_cert_chain} does. {@link TlsTrust#withClientCertificate} puts it into the TLS context.
 */
public final class ClientCertificate {

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final char[] STORE_PASSWORD = "in-memory".toCharArray();
  private static final byte[] RSA_ENCRYPTION = oid(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01);
  private static final byte[] EC_PUBLIC_KEY = oid(0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01);

  private final List<X509Certificate> chain;
  private final PrivateKey key;

  private ClientCertificate(List<X509Certificate> chain, PrivateKey key) {
    this.chain = chain;
    this.key = key;
  }

  /**
   * Reads the two config values of {@code section}; empty when neither is set.
   *
   * @throws ConfigException naming the key and the path of a file that is missing, unreadable or unusable, or of a
   *     key that does not belong to the certificate
   */
  public static Optional<ClientCertificate> fromConfig(String section, String certValue, String keyValue) {
    boolean hasCert = certValue != null && !certValue.isBlank();
    boolean hasKey = keyValue != null && !keyValue.isBlank();
    if (!hasCert && !hasKey) {
      return Optional.empty();
    }
    if (!hasCert) {
      throw ConfigException.badValue(section, "client_auth_key", keyValue.trim(),
          "set client_auth_cert too: the certificate this key belongs to");
    }
    Setting cert = new Setting(section, "client_auth_cert", TlsTrust.expandHome(certValue.trim()));
    Setting keySetting = hasKey ? new Setting(section, "client_auth_key", TlsTrust.expandHome(keyValue.trim())) : cert;
    List<X509Certificate> chain = certificates(cert);
    PrivateKey key = privateKey(keySetting, hasKey);
    requireMatch(chain.get(0), key, keySetting, cert);
    return Optional.of(new ClientCertificate(chain, key));
  }

  /** For logs: the certificate's subject, e.g. {@code CN=fn-misp}. */
  public String subject() {
    return chain.get(0).getSubjectX500Principal().getName();
  }

  KeyManager[] keyManagers() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, STORE_PASSWORD);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot hold the client certificate " + subject() + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "client certificate " + subject();
  }

  /** A config key and the file it names, for messages. */
  private record Setting(String section, String key, Path path) {
    ConfigException bad(String reason) {
      return ConfigException.badValue(section, key, path.toString(), reason);
    }

    List<Block> blocks() {
      if (!Files.isRegularFile(path)) {
        throw bad("no such file");
      }
      String text;
      try {
        text = Files.readString(path, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw bad("cannot read the file: " + e.getMessage());
      }
      List<Block> blocks = new ArrayList<>();
      Matcher matcher = PEM.matcher(text);
      while (matcher.find()) {
        blocks.add(new Block(matcher.group(1), matcher.group(2)));
      }
      return blocks;
    }
  }

  /** One PEM block: its type and the text between the lines, which may start with headers such as Proc-Type. */
  private record Block(String type, String body) {
    boolean encrypted() {
      return type.startsWith("ENCRYPTED") || body.contains("Proc-Type:");
    }

    byte[] der() {
      return Base64.getMimeDecoder().decode(body);
    }
  }

  private static List<X509Certificate> certificates(Setting setting) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : setting.blocks()) {
        if (block.type().equals("CERTIFICATE")) {
          chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw setting.bad("not a PEM certificate: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw setting.bad("the file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return List.copyOf(chain);
  }

  private static PrivateKey privateKey(Setting setting, boolean ownFile) {
    for (Block block : setting.blocks()) {
      if (!block.type().endsWith("PRIVATE KEY")) {
        continue;
      }
      if (block.encrypted()) {
        throw setting.bad("the private key is encrypted; fn-misp needs it unencrypted, e.g. from"
            + " openssl pkey -in <key> -out <plain key>");
      }
      try {
        return switch (block.type()) {
          case "PRIVATE KEY" -> pkcs8(block.der());
          case "RSA PRIVATE KEY" -> pkcs8(wrap(sequence(RSA_ENCRYPTION, new byte[] {0x05, 0x00}), block.der()));
          case "EC PRIVATE KEY" -> pkcs8(wrap(sequence(EC_PUBLIC_KEY, curve(block.der())), block.der()));
          default -> throw setting.bad("a " + block.type() + " is not supported (use PKCS#8: BEGIN PRIVATE KEY)");
        };
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw setting.bad("not a usable " + block.type() + ": " + e.getMessage());
      }
    }
    throw setting.bad(ownFile ? "the file holds no PEM private key (-----BEGIN PRIVATE KEY-----)"
        : "the file holds no PEM private key; set client_auth_key to the file of the key");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  /** A key that is not the certificate's would only fail the handshake later, with the server's vague alert. */
  private static void requireMatch(X509Certificate certificate, PrivateKey key, Setting keySetting, Setting cert) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
      default -> null;
    };
    if (algorithm == null) {
      return;
    }
    byte[] probe = "fn-misp client certificate check".getBytes(StandardCharsets.US_ASCII);
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw keySetting.bad("this private key does not belong to the certificate " + certificate
          .getSubjectX500Principal().getName() + " of [" + cert.section() + "] " + cert.key() + " = " + cert.path());
    }
  }

  /** The named curve of a SEC 1 {@code ECPrivateKey}: its {@code [0] parameters}, which PKCS#8 moves out. */
  private static byte[] curve(byte[] sec1) {
    Der key = Der.at(sec1, 0).requireTag(0x30);
    for (int at = key.contentStart(); at < key.end();) {
      Der field = Der.at(sec1, at);
      if (field.tag() == 0xA0) {
        return Arrays.copyOfRange(sec1, field.contentStart(), field.end());
      }
      at = field.end();
    }
    throw new IllegalArgumentException("the key names no curve (openssl pkey -in <key> converts it to PKCS#8)");
  }

  /** PKCS#8 {@code PrivateKeyInfo}: version 0, the algorithm, and the key as an octet string. */
  private static byte[] wrap(byte[] algorithm, byte[] key) {
    return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
  }

  private static byte[] sequence(byte[]... elements) {
    return tlv(0x30, concat(elements));
  }

  private static byte[] oid(int... content) {
    byte[] bytes = new byte[content.length];
    for (int i = 0; i < content.length; i++) {
      bytes[i] = (byte) content[i];
    }
    return tlv(0x06, bytes);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
      out.write(0x80 | bytes);
      for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
        out.write(length >>> shift);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** One DER element of {@code der} at {@code start}: its tag and where its content begins and ends. */
  private record Der(int tag, int contentStart, int end) {
    static Der at(byte[] der, int start) {
      if (start + 2 > der.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      int tag = der[start] & 0xFF;
      int length = der[start + 1] & 0xFF;
      int content = start + 2;
      if (length >= 0x80) {
        int bytes = length & 0x7F;
        if (bytes < 1 || bytes > 3 || content + bytes > der.length) {
          throw new IllegalArgumentException("bad DER length");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[content++] & 0xFF);
        }
      }
      if (content + length > der.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      return new Der(tag, content, content + length);
    }

    Der requireTag(int expected) {
      if (tag != expected) {
        throw new IllegalArgumentException("unexpected DER tag " + tag);
      }
      return this;
    }
  }
}
