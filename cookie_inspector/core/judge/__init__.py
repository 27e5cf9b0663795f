"""The judgement: inspecting a frame, scoring its error map, the outline and presence checks, evaluation."""
