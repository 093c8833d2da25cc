package org.fnmisp.tls;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns a TLS failure into a sentence a SOC engineer can act on: whether the server's certificate is untrusted,
 * expired or issued for another host name, and which config key controls it.
 */
public final class TlsFailures {

  private TlsFailures() {}

  /**
   * Explains a failed handshake with {@code host}; {@code trustKey} names the setting to change, e.g.
   * {@code "[fn_misp] verify_cert"}.
   */
  public static String explain(SSLException failure, String host, String trustKey) {
    String chain = messages(failure).toLowerCase(Locale.ROOT);
    if (failure instanceof SSLPeerUnverifiedException
        || chain.contains("no subject alternative name")
        || chain.contains("no name matching")
        || chain.contains("not verified")) {
      return "the TLS certificate of " + host + " does not match the host name " + host
          + " (use the name the certificate was issued for, or set " + trustKey + " = false to skip verification)";
    }
    if (has(failure, CertificateExpiredException.class) || chain.contains("certificate expired")
        || has(failure, CertificateNotYetValidException.class)) {
      return "the TLS certificate of " + host + " has expired or is not yet valid (" + trustKey + ")";
    }
    if (chain.contains("pkix") || chain.contains("certification path") || chain.contains("unable to find valid")) {
      return "the TLS certificate of " + host + " is not trusted (set " + trustKey
          + " to the path of a PEM file with the CA that issued it, or to false to skip verification)";
    }
    return "the TLS handshake with " + host + " failed: " + failure.getMessage() + " (" + trustKey + ")";
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        all.append(t.getMessage()).append(' ');
      }
    }
    return all.toString();
  }
}
