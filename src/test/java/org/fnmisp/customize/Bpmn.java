package org.fnmisp.customize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fnmisp.json.Json;

/**
 * The BPMN 2.0 process of an example playbook, as SOAR's playbook designer stores it: start, one function task (its
 * settings, input script included, as JSON inside {@code resilient:function}), one script task running the
 * playbook's local script, end; plus the diagram that places them in a column.
 */
final class Bpmn {

  private Bpmn() {}

  static String playbook(String processId, JsonNode function, JsonNode playbook, String inputScript) {
    ObjectNode settings = Json.object();
    settings.putObject("inputs");
    settings.put("pre_processing_script", inputScript);
    settings.put("pre_processing_script_language", "python3");
    settings.put("result_name", playbook.get("result_name").asText());
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\""
        + " xmlns:omgdc=\"http://www.omg.org/spec/DD/20100524/DC\""
        + " xmlns:omgdi=\"http://www.omg.org/spec/DD/20100524/DI\""
        + " xmlns:resilient=\"http://resilient.ibm.com/bpmn\""
        + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        + " targetNamespace=\"http://www.camunda.org/test\">"
        + "<process id=\"" + processId + "\" isExecutable=\"true\" name=\"" + processId + "\">"
        + "<documentation>" + escape(playbook.get("description").asText()) + "</documentation>"
        + "<startEvent id=\"StartEvent_1\"><outgoing>Flow_1</outgoing></startEvent>"
        + "<serviceTask id=\"ServiceTask_1\" name=\"" + escape(function.get("display_name").asText())
        + "\" resilient:type=\"function\"><extensionElements>"
        + "<resilient:function uuid=\"" + function.get("uuid").asText() + "\">" + escape(Json.write(settings))
        + "</resilient:function></extensionElements>"
        + "<incoming>Flow_1</incoming><outgoing>Flow_2</outgoing></serviceTask>"
        + "<scriptTask id=\"ScriptTask_1\" name=\"" + ExportGenerator.LOCAL_SCRIPT + "\"><extensionElements>"
        + "<resilient:script uuid=\"" + playbook.get("script_uuid").asText() + "\"/></extensionElements>"
        + "<incoming>Flow_2</incoming><outgoing>Flow_3</outgoing><script>script</script></scriptTask>"
        + "<endEvent id=\"EndEvent_1\" resilient:documentation=\"End point\"><incoming>Flow_3</incoming></endEvent>"
        + flow("Flow_1", "StartEvent_1", "ServiceTask_1")
        + flow("Flow_2", "ServiceTask_1", "ScriptTask_1")
        + flow("Flow_3", "ScriptTask_1", "EndEvent_1")
        + "</process>"
        + "<bpmndi:BPMNDiagram id=\"BPMNDiagram_1\"><bpmndi:BPMNPlane bpmnElement=\"" + processId
        + "\" id=\"BPMNPlane_1\">"
        + shape("StartEvent_1", 630, 60, 180, 52)
        + shape("ServiceTask_1", 622, 180, 196, 84)
        + shape("ScriptTask_1", 622, 340, 196, 84)
        + shape("EndEvent_1", 654, 500, 132, 52)
        + edge("Flow_1", 112, 180)
        + edge("Flow_2", 264, 340)
        + edge("Flow_3", 424, 500)
        + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>";
  }

  private static String flow(String id, String source, String target) {
    return "<sequenceFlow id=\"" + id + "\" sourceRef=\"" + source + "\" targetRef=\"" + target + "\"/>";
  }

  private static String shape(String element, int x, int y, int width, int height) {
    return "<bpmndi:BPMNShape bpmnElement=\"" + element + "\" id=\"" + element + "_di\">"
        + "<omgdc:Bounds height=\"" + height + "\" width=\"" + width + "\" x=\"" + x + "\" y=\"" + y + "\"/>"
        + "</bpmndi:BPMNShape>";
  }

  private static String edge(String flow, int fromY, int toY) {
    return "<bpmndi:BPMNEdge bpmnElement=\"" + flow + "\" id=\"" + flow + "_di\">"
        + "<omgdi:waypoint x=\"720\" y=\"" + fromY + "\"/><omgdi:waypoint x=\"720\" y=\"" + toY + "\"/>"
        + "</bpmndi:BPMNEdge>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
