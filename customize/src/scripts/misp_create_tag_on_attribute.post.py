# results.content is MISP's answer to the tagging, e.g. {"saved": true, "success": true, "message": "..."}.
# A refused tagging fails the function, so this script runs only when the tag was attached.
results = playbook.functions.results.tags
content = results.get("content") or {}
incident.addNote("MISP tag {} added to the attribute {} of event {}: {}".format(
  results.get("inputs", {}).get("misp_tag_name"), artifact.value, incident.properties.misp_event_id,
  content.get("message")))
