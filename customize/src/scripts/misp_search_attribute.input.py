inputs.misp_attribute_value = artifact.value
