# results.content: verdict (malicious, suspicious, benign or unknown), reason, matches, truncated, attributes, events,
# warninglists, tags, attack_techniques. results.success is false only when MISP did not answer; the verdict is then
# unknown and the reason says why.
results = playbook.functions.results.misp_enrichment
content = results.get("content") or {}
lines = ["MISP verdict: {}".format(content.get("verdict") or "unknown")]
reason = content.get("reason") or results.get("reason")
if reason:
  lines.append(reason)
techniques = content.get("attack_techniques") or []
if techniques:
  lines.append("MITRE ATT&CK techniques: {}".format(
      ", ".join("{} {}".format(technique.get("id"), technique.get("name")) for technique in techniques)))
warninglists = content.get("warninglists") or []
if warninglists:
  lines.append("On MISP warninglists: {}".format(", ".join(listed.get("name") for listed in warninglists)))
if content.get("truncated"):
  lines.append("Only the newest {} matching attributes were read.".format(content.get("matches")))
text = "\n".join(lines)

# The artifact keeps what its description said before; the verdict goes below it.
if artifact.description:
  artifact.description = "{}\n\n{}".format(artifact.description.content, text)
else:
  artifact.description = text
incident.addNote("MISP enrichment of {} ({}):\n{}".format(artifact.value, artifact.type, text))
