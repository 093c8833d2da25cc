package org.fnmisp.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** client_auth_cert and client_auth_key in the forms openssl and IBM's tools write, shown to a server that asks. */
class ClientCertificateTest {

  private static final HeldCertificate CLIENT_CA =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("Client CA").build();
  private static final HeldCertificate SERVER = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
      .commonName("server").build();

  @TempDir
  Path dir;

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(SERVER)
        .addTrustedCertificate(CLIENT_CA.certificate()).build().sslSocketFactory());
    server.requireClientAuth();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"RSA PKCS#8", "RSA PKCS#1", "EC PKCS#8", "EC SEC1", "EC key in the certificate file"})
  void shouldShowTheClientCertificateToAServerThatRequiresOne(String form) throws Exception {
    HeldCertificate client = client(form.startsWith("RSA"), "fn-misp " + form.replace('#', ' '));
    String key = switch (form) {
      case "RSA PKCS#1" -> client.privateKeyPkcs1Pem();
      case "EC SEC1" -> sec1Pem(client);
      default -> client.privateKeyPkcs8Pem();
    };
    String certPath = write("client.pem", client.certificatePem() + CLIENT_CA.certificatePem()
        + (form.contains("certificate file") ? key : ""));
    String keyPath = form.contains("certificate file") ? null : write("client.key", key);

    ClientCertificate certificate = ClientCertificate.fromConfig("resilient", certPath, keyPath).orElseThrow();

    assertThat(get(trust().withClientCertificate(certificate))).isEqualTo(200);
    assertThat(server.takeRequest().getHandshake().peerPrincipal().getName()).contains("CN=fn-misp");
    assertThat(trust().withClientCertificate(certificate).description()).endsWith("client certificate "
        + certificate.subject());
  }

  @Test
  void shouldBeRefusedWithoutOne() {
    // TLS 1.3: the client's side of the handshake completes, the server then aborts (an alert or a reset).
    assertThatThrownBy(() -> get(trust())).isInstanceOf(java.io.IOException.class)
        .isNotInstanceOf(javax.net.ssl.SSLPeerUnverifiedException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldMeanNothingWhenNeitherKeyIsSet() {
    assertThat(ClientCertificate.fromConfig("resilient", null, " ")).isEqualTo(Optional.empty());
  }

  @Test
  void shouldNameTheKeyAndPathOfAMissingCertificate() {
    String missing = dir.resolve("nope.pem").toString();

    assertThatThrownBy(() -> ClientCertificate.fromConfig("resilient", missing, null))
        .isInstanceOf(ConfigException.class).hasMessage("[resilient] client_auth_cert = " + missing + ": no such file");
  }

  @Test
  void shouldRefuseAKeyWithoutACertificate() throws Exception {
    String key = write("client.key", client(false, "x").privateKeyPkcs8Pem());

    assertThatThrownBy(() -> ClientCertificate.fromConfig("resilient", "", key)).isInstanceOf(ConfigException.class)
        .hasMessage("[resilient] client_auth_key = " + key + ": set client_auth_cert too: the certificate this key"
            + " belongs to");
  }

  @Test
  void shouldRefuseAKeyOfAnotherCertificate() throws Exception {
    String cert = write("client.pem", client(false, "mine").certificatePem());
    String key = write("other.key", client(false, "other").privateKeyPkcs8Pem());

    assertThatThrownBy(() -> ClientCertificate.fromConfig("resilient", cert, key)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("[resilient] client_auth_key = " + key + ": this private key does not belong to the"
            + " certificate CN=mine of [resilient] client_auth_cert = " + cert);
  }

  @Test
  void shouldRefuseAnEncryptedKeySayingHowToDecryptIt() throws Exception {
    String cert = write("client.pem", client(false, "mine").certificatePem());
    String key = write("client.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjAp\n"
        + "-----END ENCRYPTED PRIVATE KEY-----\n");

    assertThatThrownBy(() -> ClientCertificate.fromConfig("resilient", cert, key)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("[resilient] client_auth_key = " + key + ": the private key is encrypted")
        .hasMessageContaining("openssl pkey");
  }

  @Test
  void shouldSayWhereTheKeyIsMissing() throws Exception {
    String cert = write("client.pem", client(false, "mine").certificatePem());
    String notAKey = write("client.key", "just text\n");

    assertThatThrownBy(() -> ClientCertificate.fromConfig("resilient", cert, null))
        .isInstanceOf(ConfigException.class).hasMessage("[resilient] client_auth_cert = " + cert + ": the file holds"
            + " no PEM private key; set client_auth_key to the file of the key");
    assertThatThrownBy(() -> ClientCertificate.fromConfig("resilient", cert, notAKey))
        .isInstanceOf(ConfigException.class).hasMessage("[resilient] client_auth_key = " + notAKey + ": the file"
            + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
  }

  @Test
  void shouldRefuseACertificateFileWithoutACertificate() throws Exception {
    String cert = write("client.pem", client(false, "mine").privateKeyPkcs8Pem());

    assertThatThrownBy(() -> ClientCertificate.fromConfig("resilient", cert, null))
        .isInstanceOf(ConfigException.class).hasMessage("[resilient] client_auth_cert = " + cert + ": the file holds"
            + " no PEM certificate (-----BEGIN CERTIFICATE-----)");
  }

  private TlsTrust trust() throws Exception {
    return TlsTrust.fromConfig("resilient", "cafile", write("server-ca.pem", SERVER.certificatePem()));
  }

  private int get(TlsTrust trust) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    OkHttpClient client = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager()).build();
    try (Response response = client.newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
      return response.code();
    } finally {
      client.connectionPool().evictAll();
    }
  }

  private static HeldCertificate client(boolean rsa, String commonName) {
    HeldCertificate.Builder builder = new HeldCertificate.Builder().commonName(commonName).signedBy(CLIENT_CA);
    return (rsa ? builder.rsa2048() : builder.ecdsa256()).build();
  }

  private String write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  /** What {@code openssl ecparam -genkey} writes: SEC 1 {@code ECPrivateKey} with the curve named in it. */
  private static String sec1Pem(HeldCertificate held) {
    byte[] s = unsigned(((ECPrivateKey) held.keyPair().getPrivate()).getS(), 32);
    byte[] prime256v1 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x01, 0x04, 0x20});
    body.writeBytes(s);
    body.writeBytes(new byte[] {(byte) 0xA0, (byte) prime256v1.length});
    body.writeBytes(prime256v1);
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.writeBytes(new byte[] {0x30, (byte) body.size()});
    der.writeBytes(body.toByteArray());
    return "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der.toByteArray())
        + "\n-----END EC PRIVATE KEY-----\n";
  }

  private static byte[] unsigned(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(bytes.length, length);
    System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
    return out;
  }
}
