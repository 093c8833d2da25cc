package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.fnmisp.functions.FnMispFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir
  Path dir;

  @Test
  void shouldCallEveryFunctionThroughTheLocalBrokerAgainstTheStandInAndExit0() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("demo");

    String out = cli.out.toString();
    assertThat(code).as(out + cli.err).isZero();
    for (String function : FnMispFunctions.NAMES) {
      assertThat(out).contains("\n" + function + " {");
    }
    assertThat(out)
        .contains("status: Creating event fn-misp demo: phishing wave")
        .contains("result: success, created event 2 \"fn-misp demo: phishing wave\"")
        .contains("result: success, added ip-dst 198.51.100.7 to event 1")
        .contains("result: success, recorded a sighting of 203.0.113.5 on event 1")
        .contains("result: success, found 1 event(s) holding 203.0.113.5, tags [\"tlp:white\","
            + "\"malware_classification:malware-category=\\\"Botnet\\\"\"]")
        .contains("result: success, 1 sighting(s) on event 1")
        .contains("result: success, Global tag tlp:green successfully attached to Event(1).")
        .contains("status: Verdict: malicious")
        .contains("result: success, verdict malicious: Attribute 1 (ip-dst) of MISP event 1 \"fn-misp demo event "
            + "(stand-in data)\" has the tag malware_classification:malware-category=\"Botnet\".")
        .contains("[MISP stand-in, not a real MISP] POST /attributes/restSearch -> HTTP 200")
        .doesNotContain("warninglists/checkValue")
        .contains("Demo done: 7 of 7 functions answered with success");
    // every line the stand-in prints says it is one
    assertThat(out.lines().filter(line -> line.contains("MISP") && line.contains("HTTP ")))
        .allMatch(line -> line.contains("[MISP stand-in, not a real MISP]"));
    assertThat(cli.logSettings).singleElement().satisfies(settings -> assertThat(settings.file()).isNull());
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).as("the demo writes nothing into the working directory").isEmpty();
    }
  }
}
