# results.content is MISP's answer: {"Sighting": {...}} for one matching attribute, a message when several matched
# or on an older MISP, or {"errors": [status, MISP's error]} when no attribute holds the value.
results = playbook.functions.results.misp_sighting
content = results.get("content") or {}
errors = content.get("errors")
sighting = content.get("Sighting")
if errors:
  incident.addNote("MISP recorded no sighting of {} (HTTP {}): {}".format(artifact.value, errors[0], errors[1:]))
elif sighting:
  incident.addNote("MISP sighting {} of {} recorded on attribute {} of event {}".format(
    sighting.get("id"), artifact.value, sighting.get("attribute_id"), sighting.get("event_id")))
elif results.get("success"):
  incident.addNote("MISP sighting of {}: {}".format(artifact.value, content.get("message") or content))
