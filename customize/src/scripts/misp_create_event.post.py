# results.content is {"Event": {...}} when MISP created the event, or {"errors": [status, MISP's error]} when it
# refused (the function still succeeds then, as fn_misp's did).
results = playbook.functions.results.misp_event
content = results.get("content") or {}
errors = content.get("errors")
if errors:
  incident.addNote("MISP did not create an event for this incident (HTTP {}): {}".format(errors[0], errors[1:]))
elif results.get("success"):
  event = content.get("Event") or {}
  incident.properties.misp_event_id = event.get("id")
  incident.addNote("MISP event {} created: \"{}\" (uuid {})".format(event.get("id"), event.get("info"), event.get("uuid")))
