# SOAR artifact type -> MISP attribute type; the playbook runs only for these artifact types.
MISP_TYPES = {
  "DNS Name": "hostname",
  "Email Attachment": "email-attachment",
  "Email Body": "email-body",
  "Email Recipient": "email-dst",
  "Email Sender": "email-src",
  "Email Subject": "email-subject",
  "File Name": "filename",
  "IP Address": "ip-dst",
  "MAC Address": "mac-address",
  "Malware MD5 Hash": "md5",
  "Malware SHA-1 Hash": "sha1",
  "Malware SHA-256 Hash": "sha256",
  "Port": "port",
  "Threat CVE ID": "vulnerability",
  "URI Path": "uri",
  "URL": "url"
}

# MISP Event Id is a text field and the input a number: pass digits as a number, anything else as it is, so that
# the function names the bad value.
event_id = incident.properties.misp_event_id
inputs.misp_event_id = int(event_id) if event_id and str(event_id).strip().isdigit() else event_id
inputs.misp_attribute_value = artifact.value
inputs.misp_attribute_type = MISP_TYPES.get(artifact.type)
