inputs.misp_attribute_value = artifact.value
# Every MISP type matches; to narrow it, set inputs.misp_attribute_type (e.g. "domain" for a DNS Name).
