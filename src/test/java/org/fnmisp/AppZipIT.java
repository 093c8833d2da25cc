package org.fnmisp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.fnmisp.config.ConfigTemplate;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.Test;

/** The App Host app zip that {@code mvn package} writes, unpacked as SOAR reads it on upload. */
class AppZipIT {

  private static final Path EXPORT_RES = Path.of("customize", "export.res");

  @Test
  void shouldHoldAppJsonForThisVersionAndTheCustomizationsExactlyWhenTheyExist() throws Exception {
    Path zip = Path.of("target", "app-fn_misp-" + FnMisp.version() + ".zip");
    assertThat(zip).exists();

    Map<String, byte[]> entries = unzip(zip);

    if (Files.exists(EXPORT_RES)) {
      assertThat(entries).containsOnlyKeys("app.json", "export.res");
      assertThat(entries.get("export.res")).isEqualTo(Files.readAllBytes(EXPORT_RES));
    } else {
      assertThat(entries).containsOnlyKeys("app.json");
    }
    JsonNode app = Json.parse(new String(entries.get("app.json"), java.nio.charset.StandardCharsets.UTF_8),
        "app.json");
    assertThat(app.get("name").asText()).isEqualTo("fn_misp");
    assertThat(app.get("version").asText()).isEqualTo(FnMisp.version()).doesNotContain("@");
    JsonNode executable = app.at("/current_installation/executables/0");
    assertThat(executable.get("config_string").asText()).isEqualTo(ConfigTemplate.sections().get("fn_misp"));
    assertThat(executable.get("image").asText()).endsWith("fn_misp:" + FnMisp.version());
    assertThat(executable.get("permission_handles")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(AppHostFilesTest.permissionHandles());
    assertThat(executable.get("uuid").asText()).isEqualTo(app.get("uuid").asText())
        .isEqualTo(AppHostFilesTest.nameUuid("fn_misp"));
  }

  private static Map<String, byte[]> unzip(Path zip) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }
}
