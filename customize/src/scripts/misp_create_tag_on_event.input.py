# Change the tag to the one your analysts use; MISP must know it (Event Actions > List Tags).
event_id = incident.properties.misp_event_id
inputs.misp_event_id = int(event_id) if event_id and str(event_id).strip().isdigit() else event_id
inputs.misp_tag_type = "Event"
inputs.misp_tag_name = "tlp:white"
