package org.fnmisp.testing;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a directory of App Host protected secrets as App Host does: a new 256-bit symmetric JWK in
 * {@code .jwk/key.jwk} and, per secret, a file holding one JWE compact token (alg dir, enc A256GCM).
 */
public final class AppHostSecretFiles {

  private AppHostSecretFiles() {}

  public static void write(Path directory, Map<String, String> secrets) throws IOException {
    try {
      OctetSequenceKey key = new OctetSequenceKeyGenerator(256).algorithm(EncryptionMethod.A256GCM).generate();
      Files.createDirectories(directory.resolve(".jwk"));
      Files.writeString(directory.resolve(".jwk").resolve("key.jwk"), key.toJSONString());
      for (Map.Entry<String, String> secret : secrets.entrySet()) {
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
            new Payload(secret.getValue()));
        jwe.encrypt(new DirectEncrypter(key));
        Files.writeString(directory.resolve(secret.getKey()), jwe.serialize() + "\n");
      }
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot encrypt a test secret", e);
    }
  }
}
