inputs.misp_sighting = artifact.value
