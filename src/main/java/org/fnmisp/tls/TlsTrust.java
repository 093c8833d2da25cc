package org.fnmisp.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.fnmisp.config.ConfigException;

/**
 * Which server certificates one remote connection trusts, from a config value such as {@code verify_cert},
 * {@code cafile} or {@code stomp_cafile}: absent or {@code true} = the JVM trust store; {@code false} = no
 * verification at all (the caller logs one WARN); anything else = a path to a PEM bundle whose certificates are then
 * the only ones trusted. Optionally also the {@link ClientCertificate} shown to a server that asks for one. This is
 * the one place that builds an {@link SSLContext}; each connection gets its own: nothing here touches JVM-wide
 * defaults.
 */
public final class TlsTrust {

  private final String description;
  private final X509TrustManager trustManager;
  private final SSLContext sslContext;
  private final boolean verifying;
  private final String setting;
  private final ClientCertificate clientCertificate;

  private TlsTrust(String description, X509TrustManager trustManager, boolean verifying, String setting,
      ClientCertificate clientCertificate) {
    this.description = description;
    this.trustManager = trustManager;
    this.verifying = verifying;
    this.setting = setting;
    this.clientCertificate = clientCertificate;
    this.sslContext = newContext(clientCertificate == null ? null : clientCertificate.keyManagers(), trustManager);
  }

  private TlsTrust(String description, X509TrustManager trustManager, boolean verifying, String setting) {
    this(description, trustManager, verifying, setting, null);
  }

  /** The JVM's default trust store, host names verified. */
  public static TlsTrust system() {
    return new TlsTrust("the JVM trust store", defaultTrustManager(), true, null);
  }

  /** No certificate or host name verification. */
  public static TlsTrust insecure() {
    return new TlsTrust("no verification", new TrustAllManager(), false, null);
  }

  /**
   * Reads a config value. {@code section} and {@code key} only name it in error messages.
   *
   * @throws ConfigException when the value is a path that is missing, unreadable or holds no certificate
   */
  public static TlsTrust fromConfig(String section, String key, String value) {
    String setting = "[" + section + "] " + key;
    if (value == null || value.isBlank()) {
      return system().from(setting);
    }
    String trimmed = value.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("yes") || lower.equals("on") || lower.equals("1")) {
      return system().from(setting);
    }
    if (lower.equals("false") || lower.equals("no") || lower.equals("off") || lower.equals("0")) {
      return insecure().from(setting);
    }
    return fromPemBundle(section, key, expandHome(trimmed));
  }

  /** Trusts exactly the certificates of a PEM (or DER) bundle file. */
  public static TlsTrust fromPemBundle(String section, String key, Path bundle) {
    if (!Files.isRegularFile(bundle)) {
      throw ConfigException.badValue(section, key, bundle.toString(),
          "no such file (expected true, false or the path of a PEM CA bundle)");
    }
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(bundle)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw ConfigException.badValue(section, key, bundle.toString(), "cannot read the file: " + e.getMessage());
    } catch (CertificateException e) {
      // The JDK's reason ("signed fields invalid", "Empty input") says nothing an operator can act on.
      throw ConfigException.badValue(section, key, bundle.toString(), "not a PEM CA bundle: it holds no readable "
          + "X.509 certificate (expected blocks from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----)");
    }
    if (certificates.isEmpty()) {
      throw ConfigException.badValue(section, key, bundle.toString(), "the file holds no certificate");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return new TlsTrust("the CA bundle " + bundle, x509(factory.getTrustManagers()), true,
          "[" + section + "] " + key);
    } catch (GeneralSecurityException | IOException e) {
      throw ConfigException.badValue(section, key, bundle.toString(), "cannot use the certificates: " + e.getMessage());
    }
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** False only for {@code false}: then neither the certificate chain nor the host name is checked. */
  public boolean isVerifying() {
    return verifying;
  }

  /** The config key this trust came from, e.g. {@code [resilient] cafile}, or {@code fallback} when made in code. */
  public String setting(String fallback) {
    return setting == null ? fallback : setting;
  }

  private TlsTrust from(String configSetting) {
    return new TlsTrust(description, trustManager, verifying, configSetting, clientCertificate);
  }

  /** The same trust, showing {@code certificate} to a server that asks for a client certificate. */
  public TlsTrust withClientCertificate(ClientCertificate certificate) {
    return new TlsTrust(description, trustManager, verifying, setting, certificate);
  }

  /**
   * For start-up logs: "the JVM trust store", "the CA bundle /etc/ca.pem" or "no verification", and the client
   * certificate if there is one.
   */
  public String description() {
    return clientCertificate == null ? description : description + ", " + clientCertificate;
  }

  @Override
  public String toString() {
    return description();
  }

  static Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    return Path.of(path);
  }

  private static X509TrustManager defaultTrustManager() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return x509(factory.getTrustManagers());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JVM has no usable default trust store", e);
    }
  }

  private static X509TrustManager x509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("No X509TrustManager available");
  }

  private static SSLContext newContext(KeyManager[] keyManagers, X509TrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new TrustManager[] {trustManager}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot create a TLS context", e);
    }
  }

  /** Accepts every chain; used only when the operator set the value {@code false}. */
  private static final class TrustAllManager implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
