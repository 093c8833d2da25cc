package org.fnmisp.config.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigCatalogue;
import org.fnmisp.config.ConfigException;
import org.fnmisp.config.FnMispKeys;
import org.fnmisp.config.ResilientKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AppHostSecretsTest {

  private static final String MISP_KEY_VALUE = "misp-key-".repeat(4) + "1234";
  private static final String CONFIG = """
      [resilient]
      api_key_secret = $SOAR_SECRET
      [fn_misp]
      misp_key = $MISP_KEY
      """;

  @TempDir
  Path dir;

  private Path secrets;
  private OctetSequenceKey key;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void writeKey() throws Exception {
    secrets = dir.resolve("secrets");
    key = newKey(256);
    Files.createDirectories(AppHostSecrets.keyFile(secrets).getParent());
    Files.writeString(AppHostSecrets.keyFile(secrets), key.toJSONString());
    logs.start();
    logger().addAppender(logs);
  }

  @AfterEach
  void detachLogs() {
    logger().detachAppender(logs);
  }

  @Test
  void shouldResolveReferencesFromProtectedSecretsBeforeTheEnvironmentAndThenRemoveTheDirectory() throws Exception {
    // given MISP_KEY as a protected secret and in the environment, SOAR_SECRET in the environment only
    writeSecret("MISP_KEY", token(key, MISP_KEY_VALUE) + "\n");
    Map<String, String> env = appHost(Map.of("MISP_KEY", "from-the-environment", "SOAR_SECRET", "soar-env-secret"));

    // when
    AppConfig config = AppConfig.load(config(), env, SecretSources.forProcess(env), ConfigCatalogue.SECTIONS);

    // then
    assertThat(config.get(FnMispKeys.MISP_KEY).reveal()).isEqualTo(MISP_KEY_VALUE);
    assertThat(config.get(ResilientKeys.API_KEY_SECRET).reveal()).isEqualTo("soar-env-secret");
    assertThat(secrets).doesNotExist();
    assertThat(messages()).contains("Read 1 App Host secret(s) from " + secrets,
        "Removed the App Host secrets directory " + secrets);
    assertThat(String.join("\n", messages())).doesNotContain(MISP_KEY_VALUE);
  }

  @Test
  void shouldIgnoreTheSecretsDirectoryOutsideAppHost() throws Exception {
    writeSecret("MISP_KEY", token(key, MISP_KEY_VALUE));
    Map<String, String> env = Map.of("MISP_KEY", "from-the-environment", "SOAR_SECRET", "x",
        SecretSources.SECRETS_DIRECTORY, secrets.toString());

    AppConfig config = AppConfig.load(config(), env, SecretSources.forProcess(env), ConfigCatalogue.SECTIONS);

    assertThat(config.get(FnMispKeys.MISP_KEY).reveal()).isEqualTo("from-the-environment");
    assertThat(secrets.resolve("MISP_KEY")).exists();
  }

  @Test
  void shouldNameBothPlacesWhenAReferenceIsFoundInNeither() throws Exception {
    Map<String, String> env = appHost(Map.of("SOAR_SECRET", "x"));

    assertThatThrownBy(() -> AppConfig.load(config(), env, SecretSources.forProcess(env), ConfigCatalogue.SECTIONS))
        .isInstanceOf(ConfigException.class)
        .hasMessage("[fn_misp] misp_key refers to $MISP_KEY, but there is no App Host secret "
            + secrets.resolve("MISP_KEY") + " and the environment variable MISP_KEY is not set");
  }

  @Test
  void shouldFailNamingTheReferenceWhenTheTokenWasEncryptedWithAnotherKey() throws Exception {
    writeSecret("MISP_KEY", token(newKey(256), MISP_KEY_VALUE));

    assertThatThrownBy(() -> load(appHost(Map.of("SOAR_SECRET", "x"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("[fn_misp] misp_key refers to $MISP_KEY, but the App Host secret "
            + secrets.resolve("MISP_KEY") + " cannot be decrypted with the key in " + AppHostSecrets.keyFile(secrets))
        .hasMessageNotContaining(MISP_KEY_VALUE);
  }

  @Test
  void shouldFailWhenASecretFileIsEmpty() throws Exception {
    writeSecret("MISP_KEY", "\n");

    assertThatThrownBy(() -> load(appHost(Map.of("SOAR_SECRET", "x", "MISP_KEY", "env-value"))))
        .hasMessage("[fn_misp] misp_key refers to $MISP_KEY, but the App Host secret " + secrets.resolve("MISP_KEY")
            + " is empty");
  }

  @Test
  void shouldFailWhenASecretFileIsNotAJweToken() throws Exception {
    writeSecret("MISP_KEY", MISP_KEY_VALUE);

    assertThatThrownBy(() -> load(appHost(Map.of("SOAR_SECRET", "x"))))
        .hasMessage("[fn_misp] misp_key refers to $MISP_KEY, but the App Host secret " + secrets.resolve("MISP_KEY")
            + " is not a JWE compact token");
  }

  @Test
  void shouldFailWhenATokenUsesAnotherAlgorithm() throws Exception {
    OctetSequenceKey shortKey = newKey(128);
    JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A128GCM), new Payload("v"));
    jwe.encrypt(new DirectEncrypter(shortKey));
    writeSecret("MISP_KEY", jwe.serialize());

    assertThatThrownBy(() -> load(appHost(Map.of("SOAR_SECRET", "x"))))
        .hasMessageEndingWith(" is encrypted with alg dir, enc A128GCM; expected alg dir, enc A256GCM");
  }

  @Test
  void shouldFailWhenASecretFileIsNotText() throws Exception {
    Files.createDirectories(secrets);
    Files.write(secrets.resolve("MISP_KEY"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});

    assertThatThrownBy(() -> load(appHost(Map.of("SOAR_SECRET", "x"))))
        .hasMessageStartingWith("[fn_misp] misp_key refers to $MISP_KEY, but the App Host secret "
            + secrets.resolve("MISP_KEY") + " cannot be read: ");
  }

  @Test
  void shouldFailWithoutQuotingTheKeyFileWhenItIsNotAnOctetKey() throws Exception {
    writeSecret("MISP_KEY", token(key, MISP_KEY_VALUE));
    Files.writeString(AppHostSecrets.keyFile(secrets), "{\"kty\":\"oct\",\"k\":\"not-a-key-" + "hunter2\"");

    assertThatThrownBy(() -> load(appHost(Map.of("SOAR_SECRET", "x"))))
        .hasMessage("[fn_misp] misp_key refers to $MISP_KEY, but the App Host secret " + secrets.resolve("MISP_KEY")
            + " cannot be decrypted: the key file " + AppHostSecrets.keyFile(secrets)
            + " is not a JSON Web Key with \"kty\": \"oct\"")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void shouldFailWhenTheKeyFileIsMissing() throws Exception {
    writeSecret("MISP_KEY", token(key, MISP_KEY_VALUE));
    Files.delete(AppHostSecrets.keyFile(secrets));

    assertThatThrownBy(() -> load(appHost(Map.of("SOAR_SECRET", "x"))))
        .hasMessageEndingWith(" cannot be decrypted: the key file " + AppHostSecrets.keyFile(secrets)
            + " cannot be read: it does not exist");
  }

  @Test
  void shouldUseOnlyTheEnvironmentWhenAppHostHasNoSecretsDirectory() throws Exception {
    Map<String, String> env = appHost(Map.of("SOAR_SECRET", "x", "MISP_KEY", "env-value"));
    Files.delete(AppHostSecrets.keyFile(secrets));
    Files.delete(secrets.resolve(".jwk"));
    Files.delete(secrets);

    AppConfig config = AppConfig.load(config(), env, SecretSources.forProcess(env), ConfigCatalogue.SECTIONS);

    assertThat(config.get(FnMispKeys.MISP_KEY).reveal()).isEqualTo("env-value");
    assertThat(messages()).contains("No App Host secrets: " + secrets + " does not exist");
  }

  @Test
  void shouldWarnAndKeepGoingWhenTheDirectoryCannotBeRemoved() throws Exception {
    // root may delete anything: the App Host user (1001) may not, which is what this test is about
    assumeThat(System.getProperty("user.name")).isNotEqualTo("root");
    writeSecret("MISP_KEY", token(key, MISP_KEY_VALUE));
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Map<String, String> env = appHost(Map.of("SOAR_SECRET", "x"));

      AppConfig config = AppConfig.load(config(), env, SecretSources.forProcess(env), ConfigCatalogue.SECTIONS);

      assertThat(config.get(FnMispKeys.MISP_KEY).reveal()).isEqualTo(MISP_KEY_VALUE);
      assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
          .startsWith("Could not remove the App Host secrets directory " + secrets)
          .contains("MISP_KEY").doesNotContain(MISP_KEY_VALUE));
    } finally {
      Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void shouldStillGiveSecretsReadBeforeTheDirectoryWasRemoved() throws Exception {
    writeSecret("MISP_KEY", token(key, MISP_KEY_VALUE));
    AppHostSecrets appHost = AppHostSecrets.read(secrets, AppHostSecrets.keyFile(secrets));

    appHost.removeDirectory();

    assertThat(appHost.find("MISP_KEY")).hasValue(MISP_KEY_VALUE);
    assertThat(secrets).doesNotExist();
  }

  private AppConfig load(Map<String, String> env) throws Exception {
    return AppConfig.load(config(), env, SecretSources.forProcess(env), ConfigCatalogue.SECTIONS);
  }

  private Path config() throws Exception {
    return Files.writeString(dir.resolve("app.config"), CONFIG);
  }

  private Map<String, String> appHost(Map<String, String> variables) {
    Map<String, String> env = new HashMap<>(variables);
    env.put(SecretSources.APP_HOST_CONTAINER, "1");
    env.put(SecretSources.SECRETS_DIRECTORY, secrets.toString());
    return env;
  }

  private void writeSecret(String name, String content) throws Exception {
    Files.createDirectories(secrets);
    Files.writeString(secrets.resolve(name), content);
  }

  private List<String> messages() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static Logger logger() {
    return (Logger) LoggerFactory.getLogger("org.fnmisp.config");
  }

  /** A symmetric JWK as App Host writes it to .jwk/key.jwk. */
  static OctetSequenceKey newKey(int bits) throws Exception {
    return new OctetSequenceKeyGenerator(bits).algorithm(bits == 256 ? EncryptionMethod.A256GCM
        : EncryptionMethod.A128GCM).generate();
  }

  /** A protected secret as App Host writes it: a JWE compact token, alg dir, enc A256GCM. */
  static String token(OctetSequenceKey key, String value) throws Exception {
    JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(value));
    jwe.encrypt(new DirectEncrypter(key));
    return jwe.serialize();
  }
}
