package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class CloneCommandTest {

  private static final String IMPORTS = FakeSoar.ORG + "/configurations/imports";
  private static final String EXPORTS = FakeSoar.ORG + "/configurations/exports";
  private static final String RESILIENT_NS = "http://resilient.ibm.com/bpmn";

  @TempDir
  Path dir;

  private FakeSoar soar;
  private ObjectNode searchPlaybook;

  @BeforeEach
  void start() throws Exception {
    soar = new FakeSoar(dir);
    JsonNode export = Json.parse(Files.readString(Path.of("customize", "export.res"), StandardCharsets.UTF_8), "res");
    for (JsonNode playbook : export.get("playbooks")) {
      soar.withPlaybook((ObjectNode) playbook.deepCopy());
      if (playbook.get("name").asText().equals("misp_search_attribute")) {
        searchPlaybook = (ObjectNode) playbook;
      }
    }
  }

  @AfterEach
  void stop() {
    soar.close();
  }

  @Test
  void copiesAPlaybookWithFreshUuidsUnderTheNewNames() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("clone", "--playbook", "misp_search_attribute", "soc_misp_lookup", "--display-name",
        "SOC: MISP lookup", "--config-file", apiKeyConfig().toString());

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(soar.calls()).containsExactly("POST " + EXPORTS, "POST " + IMPORTS, "PUT " + IMPORTS + "/101");
    assertThat(FakeSoar.body(soar.request("POST", EXPORTS))).isEqualTo(Json.parse(
        "{\"layouts\":true,\"actions\":true,\"phases_and_tasks\":true,\"playbooks\":true}", "options"));
    JsonNode imported = FakeSoar.body(soar.request("POST", IMPORTS));
    assertThat(imported.get("playbooks")).hasSize(1);
    assertThat(imported.get("functions")).isEmpty();
    assertThat(imported.get("message_destinations")).isEmpty();
    assertThat(imported.toString()).doesNotContain("\"tags\"");
    JsonNode copy = imported.get("playbooks").get(0);
    assertThat(copy.get("name").asText()).isEqualTo("soc_misp_lookup");
    assertThat(copy.get("export_key").asText()).isEqualTo("soc_misp_lookup");
    assertThat(copy.get("display_name").asText()).isEqualTo("SOC: MISP lookup");
    assertThat(copy.at("/local_scripts/0/playbook_handle").asText()).isEqualTo("soc_misp_lookup");
    assertThat(copy.at("/local_scripts/0/programmatic_name").asText()).isEqualTo("soc_misp_lookup_misp_post_process");
    assertThat(copy.at("/local_scripts/0/script_text")).isEqualTo(searchPlaybook.at("/local_scripts/0/script_text"));
    String uuid = copy.get("uuid").asText();
    assertThat(uuid).isNotEqualTo(searchPlaybook.get("uuid").asText()).matches("[0-9a-f-]{36}");
    String handle = "playbook_" + uuid.replace('-', '_');
    assertThat(copy.get("deployment_id").asText()).isEqualTo(handle);
    assertThat(copy.at("/fields_type/type_name").asText()).isEqualTo(handle);
    assertThat(copy.at("/fields_type/uuid").asText()).isNotEqualTo(searchPlaybook.at("/fields_type/uuid").asText());
    String scriptUuid = copy.at("/local_scripts/0/uuid").asText();
    assertThat(scriptUuid).isNotEqualTo(searchPlaybook.at("/local_scripts/0/uuid").asText());
    Document xml = parse(copy.at("/content/xml").asText());
    assertThat(((Element) xml.getElementsByTagNameNS("*", "process").item(0)).getAttribute("id")).isEqualTo(handle);
    assertThat(((Element) xml.getElementsByTagNameNS(RESILIENT_NS, "script").item(0)).getAttribute("uuid"))
        .isEqualTo(scriptUuid);
    assertThat(((Element) xml.getElementsByTagNameNS(RESILIENT_NS, "function").item(0)).getAttribute("uuid"))
        .as("the copy still calls the same function").isEqualTo("c248bc7c-b60f-4d36-9a2e-294ee78a5981");
    assertThat(FakeSoar.body(soar.request("PUT", IMPORTS + "/101")).get("status").asText()).isEqualTo("ACCEPTED");
    assertThat(soar.playbooks()).containsKeys("misp_search_attribute", "soc_misp_lookup");
    assertThat(cli.out.toString()).contains("SOAR info: Playbook 'soc_misp_lookup' will be created")
        .contains("Copied the playbook 'misp_search_attribute' to 'soc_misp_lookup' (SOC: MISP lookup) in the SOAR "
            + "org 'Test Org'.");
    String basic = Credentials.basic(CustomizeCommandTest.KEY_ID, CustomizeCommandTest.KEY_SECRET);
    assertThat(soar.requests).allSatisfy(request -> assertThat(request.getHeaders().get("Authorization"))
        .isEqualTo(basic));
  }

  @Test
  void findsThePlaybookByItsDisplayNameAndSignsWithTheSessionForAUser() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("clone", "--playbook", "MISP: Create Event - Example (PB)", "soc_create_event",
        "--config-file", passwordConfig().toString());

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(soar.playbooks().get("soc_create_event").get("display_name").asText()).isEqualTo("soc_create_event");
    for (String path : List.of(EXPORTS, IMPORTS)) {
      RecordedRequest request = soar.request("POST", path);
      assertThat(request.getHeaders().get("Cookie")).isEqualTo("JSESSIONID=" + FakeSoar.SESSION_ID);
      assertThat(request.getHeaders().get("X-sess-id")).isEqualTo(FakeSoar.CSRF_TOKEN);
    }
  }

  @Test
  void listsThePlaybooksThereAreWhenTheSourceIsUnknown() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("clone", "--playbook", "misp_serach", "copy", "--config-file", apiKeyConfig().toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.err.toString()).isEqualTo("Error: The org has no playbook named 'misp_serach'; it has: "
        + "misp_create_attribute, misp_create_event, misp_create_sighting, misp_create_tag_on_attribute, "
        + "misp_create_tag_on_event, misp_enrich_artifact, misp_search_attribute, misp_sighting_list\n");
    assertThat(soar.calls()).containsExactly("POST " + EXPORTS);
  }

  @Test
  void refusesANameThatIsTaken() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("clone", "--playbook", "misp_create_event", "misp_sighting_list", "--config-file",
        apiKeyConfig().toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.err.toString()).isEqualTo("Error: The org already has a playbook named 'misp_sighting_list'; "
        + "choose another name\n");
    assertThat(soar.calls()).containsExactly("POST " + EXPORTS);
  }

  @Test
  void refusesANewNameThatIsNotAProgrammaticNameBeforeAnyCall() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("clone", "--playbook", "misp_create_event", "my copy", "--config-file",
        apiKeyConfig().toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.err.toString()).contains("NEW_NAME 'my copy'").contains("letters, digits and underscores");
    assertThat(soar.requests).isEmpty();
  }

  @Test
  void copiesAWorkflowRenamingItsProcess() throws Exception {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions "
        + "xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"example_misp_search\" "
        + "name=\"Example: MISP Search\" isExecutable=\"true\"/></definitions>";
    ObjectNode workflow = Json.object().put("programmatic_name", "example_misp_search")
        .put("name", "Example: MISP Search").put("export_key", "example_misp_search")
        .put("uuid", "0f0e0d0c-0b0a-4998-8776-655443322110").put("workflow_id", 12).put("object_type", "artifact");
    workflow.putObject("content").put("workflow_id", "example_misp_search").put("version", 3).put("xml", xml);
    workflow.putArray("tags").addObject().put("tag_handle", "fn_misp").putNull("value");
    soar.withWorkflow(workflow);
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("clone", "--workflow", "example_misp_search", "soc_misp_search", "--config-file",
        apiKeyConfig().toString());

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(FakeSoar.body(soar.request("POST", EXPORTS)).has("playbooks")).isFalse();
    JsonNode copy = FakeSoar.body(soar.request("POST", IMPORTS)).get("workflows").get(0);
    assertThat(copy.get("programmatic_name").asText()).isEqualTo("soc_misp_search");
    assertThat(copy.get("name").asText()).isEqualTo("soc_misp_search");
    assertThat(copy.at("/content/workflow_id").asText()).isEqualTo("soc_misp_search");
    assertThat(copy.get("uuid").asText()).isNotEqualTo("0f0e0d0c-0b0a-4998-8776-655443322110");
    assertThat(copy.has("workflow_id")).isFalse();
    assertThat(copy.has("tags")).isFalse();
    Element process = (Element) parse(copy.at("/content/xml").asText()).getElementsByTagNameNS("*", "process").item(0);
    assertThat(process.getAttribute("id")).isEqualTo("soc_misp_search");
    assertThat(soar.workflows()).containsKeys("example_misp_search", "soc_misp_search");
  }

  @Test
  void namesThePermissionWhenTheKeyMayNotExport() throws Exception {
    soar.answerNext("POST", EXPORTS, 403, "{\"message\":\"Forbidden\"}");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("clone", "--playbook", "misp_create_event", "copy", "--config-file",
        apiKeyConfig().toString());

    assertThat(code).isEqualTo(20);
    assertThat(cli.err.toString()).startsWith("Error: The API key key-id-7 may not export the org's configuration")
        .contains("allow it to read functions, message destinations, workflows and playbooks");
  }

  @Test
  void reportsTheServersMessageWhenItRefusesTheCopy() throws Exception {
    soar.answerNext("POST", IMPORTS, 400, "{\"message\":\"Playbook name must be unique\"}");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("clone", "--playbook", "misp_create_event", "copy", "--config-file",
        apiKeyConfig().toString());

    assertThat(code).isEqualTo(20);
    assertThat(cli.err.toString()).startsWith("Error: SOAR refused the import: SOAR answered POST")
        .contains("with HTTP 400: Playbook name must be unique");
    assertThat(soar.playbooks()).doesNotContainKey("copy");
  }

  @Test
  void needsExactlyOneOfPlaybookAndWorkflow() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("clone", "copy", "--config-file", apiKeyConfig().toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.err.toString()).contains("--playbook").contains("--workflow");
    assertThat(soar.requests).isEmpty();
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private Path apiKeyConfig() throws Exception {
    return writeConfig("api_key_id = " + CustomizeCommandTest.KEY_ID + "\napi_key_secret = "
        + CustomizeCommandTest.KEY_SECRET);
  }

  private Path passwordConfig() throws Exception {
    return writeConfig("email = " + CustomizeCommandTest.EMAIL + "\npassword = " + CustomizeCommandTest.PASSWORD);
  }

  private Path writeConfig(String credentials) throws Exception {
    return soar.appConfig(dir, credentials);
  }
}
