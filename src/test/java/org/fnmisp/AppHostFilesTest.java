package org.fnmisp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.fnmisp.config.ConfigTemplate;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.Test;

/**
 * apphost/app.json, the template of the App Host app's manifest, holds what is derived from elsewhere: the
 * {@code [fn_misp]} section of the config template, the icons, the API key permissions and the uuid resilient-sdk
 * derives from the app name (the MD5 of "fn_misp", so fn-misp takes the place of an installed Python fn_misp).
 * Run with {@code -Dfnmisp.regenerate=true} to rewrite those fields after a change.
 */
class AppHostFilesTest {

  private static final boolean REGENERATE = Boolean.getBoolean("fnmisp.regenerate");
  private static final Path APP_JSON = Path.of("apphost", "app.json");

  @Test
  void appJsonHoldsTheFnMispSectionTheIconsThePermissionsAndTheNameUuid() throws Exception {
    JsonNode committed = Json.parse(Files.readString(APP_JSON), APP_JSON.toString());
    ObjectNode expected = committed.deepCopy();
    String uuid = nameUuid("fn_misp");
    expected.put("name", "fn_misp").put("uuid", uuid).put("version", "@project.version@");
    ((ObjectNode) expected.get("tag")).put("uuid", uuid);
    ((ObjectNode) expected.at("/icon")).put("data", base64(Path.of("apphost", "icons", "app_logo.png")));
    ((ObjectNode) expected.at("/author/icon")).put("data", base64(Path.of("apphost", "icons", "company_logo.png")));
    ObjectNode executable = (ObjectNode) expected.at("/current_installation/executables/0");
    executable.put("name", "fn_misp").put("image", "@apphost.image@").put("uuid", uuid)
        .put("config_string", ConfigTemplate.sections().get("fn_misp"));
    ArrayNode permissions = executable.putArray("permission_handles");
    permissionHandles().forEach(permissions::add);

    if (REGENERATE && !expected.equals(committed)) {
      Files.writeString(APP_JSON, Json.writePretty(expected) + "\n");
    }
    assertThat(committed).as("apphost/app.json (-Dfnmisp.regenerate=true rewrites it)").isEqualTo(expected);
  }

  @Test
  void everyFileTheDockerfileCopiesIsInTheBuildContext() throws Exception {
    // .dockerignore excludes everything and lets named paths back in: a COPY of anything else fails the image build
    List<String> allowed = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip)
        .filter(line -> line.startsWith("!")).map(line -> line.substring(1)).toList();
    List<String> copied = Files.readAllLines(Path.of("Dockerfile")).stream().map(String::strip)
        .filter(line -> line.startsWith("COPY ") && !line.contains("--from=")).map(line -> line.split("\\s+", -1)[1])
        .toList();

    assertThat(copied).isNotEmpty().allSatisfy(source -> assertThat(allowed)
        .as("%s is copied by the Dockerfile but left out of the build context by .dockerignore", source)
        .anySatisfy(path -> assertThat(source.equals(path) || (path.endsWith("/") && source.startsWith(path))
            || (source + "/").equals(path)).isTrue()));
  }

  @Test
  void permissionsAreTheTwoThatRunNeeds() throws Exception {
    assertThat(permissionHandles()).containsExactly("read_data", "read_function");
  }

  @Test
  void iconsHaveTheSizesAppHostAccepts() throws Exception {
    BufferedImage app = ImageIO.read(Path.of("apphost", "icons", "app_logo.png").toFile());
    BufferedImage company = ImageIO.read(Path.of("apphost", "icons", "company_logo.png").toFile());

    assertThat(List.of(app.getWidth(), app.getHeight())).containsExactly(200, 72);
    assertThat(List.of(company.getWidth(), company.getHeight())).containsExactly(100, 100);
  }

  /** resilient-sdk's uuid of an app: the MD5 of its name, read as a UUID. */
  static String nameUuid(String name) throws Exception {
    String hex =
        HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8)));
    return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")).toString();
  }

  static List<String> permissionHandles() throws Exception {
    return Files.readAllLines(Path.of("apphost", "apikey_permissions.txt")).stream().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }

  private static String base64(Path file) throws Exception {
    return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
  }
}
