package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fnmisp.functions.InputType;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeArgumentsTest {

  private static final Map<String, InputType> INPUTS = Map.of("misp_event_id", InputType.NUMBER,
      "misp_attribute_value", InputType.TEXT, "misp_tag_name", InputType.TEXT, "misp_tag_type", InputType.SELECT,
      "flag", InputType.BOOLEAN);

  private static com.fasterxml.jackson.databind.node.ObjectNode parse(List<String> tokens, Optional<Path> file) {
    return InvokeArguments.parse("fn_test", INPUTS, tokens, file);
  }

  @Test
  void shouldTakeNumberBooleanAndSelectValuesAsJsonAndTextValuesExactly() {
    assertThat(parse(List.of("misp_event_id=42", "flag=true", "misp_tag_type={\"id\":1,\"name\":\"Event\"}",
        "misp_attribute_value=0e462097431906509019562988736854", "misp_tag_name=1e5"), Optional.empty()))
        .isEqualTo(Json.parse("{\"misp_event_id\":42,\"flag\":true,\"misp_tag_type\":{\"id\":1,\"name\":\"Event\"},"
            + "\"misp_attribute_value\":\"0e462097431906509019562988736854\",\"misp_tag_name\":\"1e5\"}", "expected"));
  }

  @Test
  void shouldKeepTextThatIsNotJsonAsTextForEveryType() {
    assertThat(parse(List.of("misp_event_id=abc", "misp_tag_type=Event", "misp_attribute_value=a=b",
        "misp_tag_name="), Optional.empty()))
        .isEqualTo(Json.parse("{\"misp_event_id\":\"abc\",\"misp_tag_type\":\"Event\",\"misp_attribute_value\":\"a=b\","
            + "\"misp_tag_name\":\"\"}", "expected"));
  }

  @Test
  void shouldRejectAnUnknownInputWithASuggestion() {
    assertThatThrownBy(() -> parse(List.of("misp_eventid=1"), Optional.empty()))
        .hasMessageStartingWith("fn_test has no input \"misp_eventid\"; did you mean misp_event_id? its inputs are ");
  }

  @Test
  void shouldLetArgumentsOverrideTheInputFile() throws Exception {
    Path file = Files.writeString(dir.resolve("inputs.json"), "{\"misp_event_id\":1,\"misp_tag_name\":\"t\"}");

    assertThat(parse(List.of("misp_event_id=2"), Optional.of(file)))
        .isEqualTo(Json.parse("{\"misp_event_id\":2,\"misp_tag_name\":\"t\"}", "expected"));
  }

  @Test
  void shouldRejectAnUnknownInputInTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("inputs.json"), "{\"misp_tag\":\"t\"}");

    assertThatThrownBy(() -> parse(List.of(), Optional.of(file)))
        .hasMessageStartingWith("fn_test has no input \"misp_tag\"");
  }

  @Test
  void shouldRejectATokenWithoutName() {
    assertThatThrownBy(() -> parse(List.of("=5"), Optional.empty()))
        .hasMessage("Bad input argument \"=5\": expected name=value, e.g. misp_event_id=42");
    assertThatThrownBy(() -> parse(List.of("misp_event_id"), Optional.empty()))
        .hasMessageStartingWith("Bad input argument \"misp_event_id\"");
  }

  @Test
  void shouldRejectAMissingInvalidOrNonObjectFileWithoutJavaInternals() throws Exception {
    Path missing = dir.resolve("missing.json");
    Path invalid = Files.writeString(dir.resolve("invalid.json"), "{\"a\":");
    Path list = Files.writeString(dir.resolve("list.json"), "[1]");

    assertThatThrownBy(() -> parse(List.of(), Optional.of(missing)))
        .hasMessage("Cannot read the input file " + missing + ": it does not exist");
    assertThatThrownBy(() -> parse(List.of(), Optional.of(invalid)))
        .hasMessageStartingWith("The input file " + invalid + " is not valid JSON: Unexpected end-of-input")
        .hasMessageEndingWith("(line 1, column 6)")
        .hasMessageNotContaining("Source");
    assertThatThrownBy(() -> parse(List.of(), Optional.of(list)))
        .hasMessageStartingWith("The input file " + list + " must hold a JSON object of inputs");
    assertThatThrownBy(() -> parse(List.of(), Optional.of(dir)))
        .hasMessage("Cannot read the input file " + dir + ": it is a directory, not a file");
  }

  @TempDir
  Path dir;
}
