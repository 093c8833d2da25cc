# results.content lists the matching MISP events, each {"Event": {..., "Tag": [...], "Attribute": [...]}};
# results.tags holds the tag names of those events and of their attributes, once each.
ATTACK_TAG = "misp-galaxy:mitre-attack-pattern="

def technique_id(tag):
  # misp-galaxy:mitre-attack-pattern="Phishing - T1566" -> T1566 (sub-techniques: T1566.001)
  name = tag[len(ATTACK_TAG):].strip('"')
  candidate = name.split(" - ")[-1].strip()
  if candidate.startswith("T") and candidate[1:].replace(".", "").isdigit():
    return candidate
  return None

results = playbook.functions.results.misp_attributes
events = results.get("content") or []
if not results.get("success") or not events:
  incident.addNote("MISP has no event holding {} ({})".format(artifact.value, artifact.type))
else:
  lines = []
  for match in events:
    event = match.get("Event") or {}
    tags = [tag.get("name") for tag in event.get("Tag") or []]
    for attribute in event.get("Attribute") or []:
      if attribute.get("value") == artifact.value:
        for tag in attribute.get("Tag") or []:
          if tag.get("name") not in tags:
            tags.append(tag.get("name"))
    lines.append("Event {}: {} (tags: {})".format(event.get("id"), event.get("info"), ", ".join(tags) or "none"))
  techniques = []
  for tag in results.get("tags") or []:
    technique = technique_id(tag) if tag.startswith(ATTACK_TAG) else None
    if technique and technique not in techniques:
      techniques.append(technique)
  note = "MISP events holding {}:\n{}".format(artifact.value, "\n".join(lines))
  if techniques:
    note += "\nMITRE ATT&CK techniques: {}".format(", ".join(techniques))
  incident.addNote(note)
