# MISP Event Id is a text field and the input a number: pass digits as a number, anything else as it is, so that
# the function names the bad value.
event_id = incident.properties.misp_event_id
inputs.misp_event_id = int(event_id) if event_id and str(event_id).strip().isdigit() else event_id
