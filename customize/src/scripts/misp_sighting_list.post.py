# results.content is MISP's list of {"Sighting": {...}, "Organisation": {"name": ...}}, or
# {"errors": [status, MISP's error]} when MISP refused.
results = playbook.functions.results.misp_sighting
content = results.get("content")
event_id = incident.properties.misp_event_id
if isinstance(content, dict) and content.get("errors"):
  incident.addNote("MISP did not list the sightings of event {} (HTTP {}): {}".format(
    event_id, content["errors"][0], content["errors"][1:]))
elif results.get("success"):
  lines = []
  for entry in content or []:
    sighting = entry.get("Sighting") or {}
    organisation = (entry.get("Organisation") or {}).get("name")
    lines.append("Sighting {} of attribute {} at {} (Unix time) by {}, source {}".format(
      sighting.get("id"), sighting.get("attribute_id"), sighting.get("date_sighting"), organisation,
      sighting.get("source")))
  incident.addNote("MISP event {} has {} sighting(s)\n{}".format(event_id, len(lines), "\n".join(lines)))
