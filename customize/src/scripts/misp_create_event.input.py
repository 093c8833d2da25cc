# The MISP event is named after the incident. Distribution 0 keeps it inside your MISP organisation,
# threat level 1 is high, analysis 2 is completed: change them to suit your MISP.
inputs.misp_event_name = incident.name
inputs.misp_distribution = 0
inputs.misp_threat_level = 1
inputs.misp_analysis_level = 2
