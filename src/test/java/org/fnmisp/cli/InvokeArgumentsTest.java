package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeArgumentsTest {

  @TempDir
  Path dir;

  @Test
  void shouldTakeJsonValuesAsJsonAndEverythingElseAsText() {
    assertThat(InvokeArguments.parse(List.of("misp_event_id=42", "ip=8.8.8.8", "tag=tlp:white", "flag=true",
        "select={\"id\":1,\"name\":\"Event\"}", "quoted=\"42\"", "empty=", "date=2024-01-01", "eq=a=b"),
        Optional.empty()))
        .isEqualTo(Json.parse("{\"misp_event_id\":42,\"ip\":\"8.8.8.8\",\"tag\":\"tlp:white\",\"flag\":true,"
            + "\"select\":{\"id\":1,\"name\":\"Event\"},\"quoted\":\"42\",\"empty\":\"\",\"date\":\"2024-01-01\","
            + "\"eq\":\"a=b\"}", "expected"));
  }

  @Test
  void shouldLetArgumentsOverrideTheInputFile() throws Exception {
    Path file = Files.writeString(dir.resolve("inputs.json"), "{\"misp_event_id\":1,\"misp_tag_name\":\"t\"}");

    assertThat(InvokeArguments.parse(List.of("misp_event_id=2"), Optional.of(file)))
        .isEqualTo(Json.parse("{\"misp_event_id\":2,\"misp_tag_name\":\"t\"}", "expected"));
  }

  @Test
  void shouldRejectATokenWithoutName() {
    assertThatThrownBy(() -> InvokeArguments.parse(List.of("=5"), Optional.empty()))
        .hasMessage("Bad input argument \"=5\": expected name=value, e.g. misp_event_id=42");
    assertThatThrownBy(() -> InvokeArguments.parse(List.of("misp_event_id"), Optional.empty()))
        .hasMessageStartingWith("Bad input argument \"misp_event_id\"");
  }

  @Test
  void shouldRejectAMissingInvalidOrNonObjectFile() throws Exception {
    Path missing = dir.resolve("missing.json");
    Path invalid = Files.writeString(dir.resolve("invalid.json"), "{\"a\":");
    Path list = Files.writeString(dir.resolve("list.json"), "[1]");

    assertThatThrownBy(() -> InvokeArguments.parse(List.of(), Optional.of(missing)))
        .hasMessageStartingWith("Cannot read the input file " + missing);
    assertThatThrownBy(() -> InvokeArguments.parse(List.of(), Optional.of(invalid)))
        .hasMessageStartingWith("The input file " + invalid + " is not valid JSON");
    assertThatThrownBy(() -> InvokeArguments.parse(List.of(), Optional.of(list)))
        .hasMessageStartingWith("The input file " + list + " must hold a JSON object of inputs");
  }
}
