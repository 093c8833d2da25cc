# results.content is {"Attribute": {...}} when MISP added the attribute, or {"errors": [status, MISP's error]} when
# it refused, e.g. because the event already holds the value.
results = playbook.functions.results.misp_attribute
content = results.get("content") or {}
errors = content.get("errors")
if errors:
  reason = errors[1] if len(errors) > 1 else ""
  if isinstance(reason, dict):
    reason = reason.get("errors") or reason.get("message") or reason
  incident.addNote("MISP did not add the artifact {} to event {} (HTTP {}): {}".format(
    artifact.value, incident.properties.misp_event_id, errors[0], reason))
elif results.get("success"):
  attribute = content.get("Attribute") or {}
  incident.addNote("MISP attribute {} added to event {}: {} {}, category {}".format(
    attribute.get("id"), attribute.get("event_id"), attribute.get("type"), attribute.get("value"),
    attribute.get("category")))
